"""The character-level text diff: Chinese without word boundaries, numbers and amounts kept whole."""

from __future__ import annotations

from qingdan.diff.textdiff import diff_text, numbers


def marks(old: str, new: str) -> str:
    return "".join(s.text if s.op == "=" else f"[{s.op}{s.text}]" for s in diff_text(old, new))


def test_an_amount_is_replaced_whole_never_digit_by_digit() -> None:
    assert marks("小学生每生每年1000元，初中生每生每年1250元", "小学生每生每年1200元，初中生每生每年1250元") == (
        "小学生每生每年[-1000元][+1200元]，初中生每生每年1250元")
    assert marks("支付额度不超过1.5万元", "支付额度不超过15万元") == "支付额度不超过[-1.5万元][+15万元]"
    assert marks("按70%给予资助", "按75%给予资助") == "按[-70%][+75%]给予资助"


def test_chinese_is_compared_character_by_character() -> None:
    assert marks("城乡居民", "城镇居民") == "城[-乡][+镇]居民"
    narrowed = marks("最低生活保障家庭成员和特困救助供养人员", "最低生活保障家庭成员")
    assert narrowed == "最低生活保障家庭成员[-和特困救助供养人员]"


def test_no_change_and_missing_text() -> None:
    assert marks("同", "同") == "同"
    assert marks("", "新增") == "[+新增]"
    assert diff_text(None, None) == ()


def test_numbers_keep_their_units() -> None:
    assert numbers("每生每年800元，比例55%，约1.5万元，7日内") == [(800, "元"), (55, "%"), (1.5, "万元"), (7, "")]
