"""The command line: the only package that imports click. Each command is a module ``cmd_<name>.py``."""
