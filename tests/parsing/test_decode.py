import codecs

from letters.parsing.decode import decode, looks_binary


def test_utf8_is_read_as_utf8():
    decoded = decode("children’s services".encode())
    assert decoded.text == "children’s services"
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == ()


def test_bom_is_dropped_from_text_but_kept_for_round_trip():
    raw = codecs.BOM_UTF8 + b"Dear Ms Shaw"
    decoded = decode(raw)
    assert decoded.text == "Dear Ms Shaw"
    assert decoded.verbatim.encode(decoded.encoding) == raw


def test_cp1252_fallback_reads_curly_quotes_and_warns():
    raw = "children’s – “front door”".encode("cp1252")
    decoded = decode(raw)
    assert decoded.text == "children’s – “front door”"
    assert decoded.encoding == "cp1252"
    assert any("cp1252" in warning for warning in decoded.warnings)


def test_bytes_undefined_in_cp1252_fall_back_to_latin1_without_loss():
    raw = b"abc \x81\x8d def \xff"
    decoded = decode(raw)
    assert decoded.encoding == "latin-1"
    assert decoded.verbatim.encode("latin-1") == raw


def test_crlf_and_cr_become_lf_but_verbatim_keeps_them():
    raw = b"one\r\ntwo\rthree\n"
    decoded = decode(raw)
    assert decoded.text == "one\ntwo\nthree\n"
    assert decoded.verbatim == "one\r\ntwo\rthree\n"


def test_utf16_with_bom_is_decoded():
    assert decode("Dear Jane".encode("utf-16")).text == "Dear Jane"


def test_binary_is_recognised_but_text_with_form_feeds_is_not():
    assert looks_binary(b"\x00\x01\x02PK\x03\x04" * 20)
    assert not looks_binary(b"page one\fpage two\n")
    assert not looks_binary(b"")
