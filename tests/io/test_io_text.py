"""io/text.py: decoding, JSON and CSV with every repair and refusal (RELIABILITY.md §5)."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netmix.errors import EncodingError, InputError
from netmix.io.sources import Member
from netmix.io.text import MAX_JSON_DEPTH, _depth_ok, decode, fix_mojibake, header_has, load_json, read_csv


def _m(name: str = "f.csv") -> Member:
    return Member(name, 0, f"export.zip!{name}", lambda: b"")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Zoë".encode("utf-8"),
        codecs.BOM_UTF16_LE + "Zoë".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Zoë".encode("utf-16-be"),
        "Zoë".encode("utf-8"),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf8"],
)
def test_boms_are_sniffed_and_removed(data):
    assert decode(data, _m()) == "Zoë"


def test_utf16_le_without_bom_is_recognised_by_its_nuls():
    assert decode("Name,Email\n".encode("utf-16-le"), _m()) == "Name,Email\n"


def test_a_file_that_is_not_utf8_is_read_in_the_detected_encoding_and_the_issue_says_which():
    # issue 15: a Windows-1252 file (Outlook, Excel) is read, not refused; the issue names the encoding
    issues = []
    assert decode("a\nMüller, François Lefèvre".encode("cp1252"), _m(), issues=issues) == "a\nMüller, François Lefèvre"
    assert [(i.severity, i.message) for i in issues] == [
        ("info", "the file is not UTF-8: read as cp1252 (detected; give --encoding if another is right)")
    ]


def test_a_declared_charset_wins_over_detection():
    data = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:山田;太郎;;;\r\nEND:VCARD\r\n".encode("shift_jis")
    issues = []
    assert "山田;太郎" in decode(data, _m(), issues=issues)
    assert "read as shift_jis (declared by the file)" in issues[0].message


def test_the_encoding_given_wins_and_is_strict():
    assert decode("Müller".encode("cp1252"), _m(), "latin-1") == "Müller"
    with pytest.raises(EncodingError, match="not valid utf-8"):
        decode("Müller".encode("cp1252"), _m(), "utf-8")


def test_bytes_no_encoding_reads_sensibly_are_refused_with_offset_line_and_a_hint():
    data = b"a\n" + bytes(range(256)) * 4
    with pytest.raises(EncodingError) as exc:
        decode(data, _m())
    err = exc.value
    assert "byte 0x80 at offset 130, line 3" in err.message and "no other encoding" in err.message  # 2 + 128 bytes, one \\n among them
    assert "save it as UTF-8" in err.hint and err.file == "export.zip" and err.member == "f.csv"


def test_json_nested_100000_deep_is_an_input_error_not_a_recursion_error():
    with pytest.raises(InputError, match="nested"):
        load_json("[" * 100_000 + "]" * 100_000, _m("x.json"))


def test_json_5000_digit_number_is_an_input_error():
    with pytest.raises(InputError):
        load_json("[" + "9" * 5000 + "]", _m("x.json"))


def test_json_syntax_error_has_the_line():
    with pytest.raises(InputError) as exc:
        load_json('{\n "a": 1,\n "b": }', _m("x.json"))
    assert exc.value.line == 3


def test_json_nan_is_refused():
    with pytest.raises(InputError):
        load_json("[NaN]", _m("x.json"))


def test_lone_surrogate_becomes_replacement_character():
    assert load_json('{"name": "a\\ud800b", "ok": "\\ud83d\\ude00"}', _m("x.json")) == {"name": "a\ufffdb", "ok": "😀"}


def test_mojibake_fix_vector_and_genuine_text():
    assert fix_mojibake("Jos\u00c3\u00a9 M\u00c3\u00bcller \u00f0\u009f\u0098\u00a0") == "José Müller 😠"
    assert fix_mojibake("Zoë") == "Zoë"


def test_nul_bytes_stripped_with_an_issue():
    t = read_csv("a,b\n1\x00,2\n", _m())
    assert t.rows == [{"a": "1", "b": "2"}]
    assert any("NUL" in i.message for i in t.issues)


def test_ragged_rows_padded_and_cut_with_issues():
    t = read_csv("a,b,c\n1\n1,2,3,4\n", _m())
    assert t.rows == [{"a": "1", "b": "", "c": ""}, {"a": "1", "b": "2", "c": "3"}]
    assert [i.line for i in t.issues] == [2, 3]


def test_unmatched_quote_hits_the_field_limit_with_a_line():
    text = 'a,b\n1,2\n3,"never closed\n' + "x" * 200_000 + "\n"
    with pytest.raises(InputError, match="malformed CSV") as exc:
        read_csv(text, _m())
    assert exc.value.line is not None and exc.value.line >= 3


def test_header_found_after_a_preamble_and_delimiter_sniffed():
    t = read_csv("Notes:\nblah\n\nFirst Name;Last Name\nAda;Example\n", _m(), is_header=header_has("first name"))
    assert t.header == ("First Name", "Last Name") and t.rows == [{"First Name": "Ada", "Last Name": "Example"}]


def test_no_header_is_an_input_error():
    with pytest.raises(InputError, match="no header"):
        read_csv("x\ny\n", _m(), is_header=header_has("first name"))


def _depth_char_by_char(text: str) -> bool:
    """The JSON depth check read character by character (what io.text did before it used regular expressions)."""
    depth = best = 0
    in_str = esc = False
    for ch in text:
        if in_str:
            esc, in_str = (False, True) if esc else (ch == "\\", ch != '"')
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            best = max(best, depth)
        elif ch in "]}":
            depth -= 1
    return best <= MAX_JSON_DEPTH


_JSON_BITS = st.sampled_from(
    ["[", "]", "{", "}", '"', "\\", "a", "\n", "[" * 150, "{" * 60, "]" * 50, '"' + "[" * 120 + '"', '\\"'])


@settings(max_examples=300, deadline=None)
@given(st.lists(_JSON_BITS, max_size=30))
def test_json_depth_ignores_brackets_in_strings_open_or_closed(parts):
    text = "".join(parts)
    assert _depth_ok(text) == _depth_char_by_char(text)
