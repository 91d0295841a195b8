"""Property tests: any Unicode text is answered without raising, and renders to valid, bounded HTML."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.console.session import respond
from bot.telegram.buttons import press
from bot.telegram.render import MAX_CALLBACK_BYTES, format_reply_html, reply_buttons
from tests.test_render_html import assert_valid

pytestmark = pytest.mark.slow  # a thousand examples each
EXAMPLES = settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)

markupish = st.sampled_from(
    [
        "<b>",
        "</b>",
        "<script>",
        "&amp;",
        "&",
        "<<title>>",
        "</blockquote>",
        "<a href='x'>",
        "\u202e",
        "\x00",
        "😀",
        "ﷺ",
        "\n",
    ]
)
texts = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.lists(
        st.one_of(markupish, st.text(max_size=10), st.sampled_from(["who wrote", "TANAP", "Karabakh", "how many"])),
        max_size=30,
    ).map("".join),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(min_value=200, max_value=20_000)),
    st.just(" \t\n"),
)


@EXAMPLES
@given(texts)
def test_any_text_is_answered_and_renders_valid_html(bot, text):
    reply = bot.ask(text)
    assert isinstance(reply.answered, bool) and 0 <= reply.to_json()["score"] <= 1
    assert_valid(format_reply_html(reply))
    for row in reply_buttons(reply):
        for label, data in row:
            assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES and label


@EXAMPLES
@given(texts)
def test_any_callback_data_is_handled(bot, data):
    result = press(bot, data)
    assert result.toast or result.html
    if result.html:
        assert_valid(result.html)


@EXAMPLES
@given(texts)
def test_console_and_inline_never_raise(bot, text):
    assert isinstance(respond(bot, text), str)
    for reply in bot.top_answers(text, 5):
        assert reply.quote and reply.source  # sourced: an answer, or an entry recording a gap
        assert_valid(format_reply_html(reply))
