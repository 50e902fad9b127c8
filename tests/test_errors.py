"""The one line every error is shown as: short, printable, and still naming what it is about."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from imagenet_mistakes.errors import LINE_LIMIT, one_line, shown


@given(st.text())
def test_any_message_is_one_printable_line_within_the_limit(text: str) -> None:
    line = one_line(text)
    assert len(line) <= LINE_LIMIT and line.isprintable() and "\n" not in line


@given(st.text(alphabet="abc/_.", min_size=161, max_size=5000))
def test_a_long_value_keeps_its_start_end_and_length_and_the_file_stays_whole(
    value: str,
) -> None:
    path = "/data/models/resnet50/predictions.csv"
    line = one_line(f"{path}: column index holds {value} which is not a list of numbers")
    if len(value) + 80 > LINE_LIMIT:
        assert line.startswith(f"{path}: column index holds {value[:16]}...{value[-48:]} (")
        assert f"({len(value):,} characters)" in line
    assert line.endswith(" which is not a list of numbers")


def test_a_terminal_code_in_a_file_is_shown_as_its_escape() -> None:
    assert one_line("x.csv: holds \x1b[31mred\x1b[0m") == "x.csv: holds \\x1b[31mred\\x1b[0m"


def test_a_value_is_quoted_whole_or_by_its_start_and_length() -> None:
    assert shown("resnet50") == "'resnet50'"
    assert shown("q" * 1_000_000) == f"'{'q' * 49}... (1,000,000 characters)"


def test_a_long_message_keeps_the_file_it_is_about_whole() -> None:
    """A library's message of many short words, after a path of 150 characters."""
    path = "/tmp/" + "d" * 120 + "/non_problematic_stats_all.csv"
    line = one_line(f"{path}: unreadable CSV ({'garbage ' * 100}File too large)")
    assert len(line) <= LINE_LIMIT
    assert line.startswith(f"{path}: unreadable CSV") and line.endswith("File too large)")
