"""Collapsing Material's indentation changes nothing a browser shows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from errorbook.docs.whitespace import collapse_whitespace

PAGE = """<html>
  <body>

    <nav class="md-nav"  data-x="a  b">
      <a href="#">   Home   </a>
    </nav>
    <p>Send <code>a  b\n  c</code> and <kbd>Ctrl  C</kbd>.</p>
    <pre><code>{
    "status": 404
}</code></pre>
    <!--  a   comment  -->
    <textarea>  kept  </textarea>
    <script>var  x = 1;\n\n  run();</script>
    <style>a  { color: red }</style>
  </body>
</html>
"""


def test_runs_between_tags_become_one_character() -> None:
    assert collapse_whitespace(PAGE) == (
        "<html>\n<body>\n"
        '<nav class="md-nav"  data-x="a  b">\n'
        '<a href="#"> Home </a>\n'
        "</nav>\n"
        "<p>Send <code>a  b\n  c</code> and <kbd>Ctrl  C</kbd>.</p>\n"
        '<pre><code>{\n    "status": 404\n}</code></pre>\n'
        "<!--  a   comment  -->\n"
        "<textarea>  kept  </textarea>\n"
        "<script>var  x = 1;\n\n  run();</script>\n"
        "<style>a  { color: red }</style>\n"
        "</body>\n</html>\n"
    )


_TEXT = st.text(alphabet=" \n\tab<>/=\"'-!", max_size=40)


@given(st.lists(st.sampled_from(["<pre>", "</pre>", "<code>", "</code>", "<p>", "</p>"]) | _TEXT))
def test_collapsing_twice_changes_nothing_more(pieces: list[str]) -> None:
    once = collapse_whitespace("".join(pieces))
    assert collapse_whitespace(once) == once
    assert len(once) <= len("".join(pieces))


def test_pygments_whitespace_spans_keep_only_their_text() -> None:
    code = (
        '<pre><code><span class="nb">curl</span><span class="w"> </span><span class="se">\\</span>'
    )
    code += '<span class="w">\n  </span>-X</code></pre>'
    expected = (
        '<pre><code><span class="nb">curl</span> <span class="se">\\</span>\n  -X</code></pre>'
    )
    assert collapse_whitespace(code) == expected
