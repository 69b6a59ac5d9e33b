import base64

import pytest
from hypothesis import given, settings, strategies as st

from checkin.desk.tokens import (TOKEN_LENGTH, TokenError, key_tag, make_token, new_keypair, parse_token,
                            verify_signature)

PRIVATE, PUBLIC = new_keypair()


def token(attendee_id=42, serial=1, event="aif-2025"):
    return make_token(PRIVATE, PUBLIC, event, attendee_id, serial)


def test_roundtrip_is_compact_uppercase_base32():
    t = token()
    assert len(t) == TOKEN_LENGTH == 120
    assert set(t) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    claims = parse_token(t)
    assert (claims.attendee_id, claims.serial, claims.key_tag) == (42, 1, key_tag(PUBLIC))
    verify_signature(claims, PUBLIC, "aif-2025")


def test_scanner_noise_is_tolerated():
    t = token()
    assert parse_token(f"  {t.lower()}\r\n").attendee_id == 42


def test_altered_attendee_fails_signature():
    raw = bytearray(base64.b32decode(token()))
    raw[8] ^= 1  # the attendee id's low byte
    altered = base64.b32encode(bytes(raw)).decode()
    claims = parse_token(altered)
    with pytest.raises(TokenError) as info:
        verify_signature(claims, PUBLIC, "aif-2025")
    assert info.value.reason == "bad_signature"


def test_other_event_code_fails_signature():
    with pytest.raises(TokenError):
        verify_signature(parse_token(token(event="aif-2026")), PUBLIC, "aif-2025")


def test_another_key_fails_signature():
    other_private, other_public = new_keypair()
    forged = make_token(other_private, PUBLIC, "aif-2025", 42, 1)  # claims our tag, signed with another key
    with pytest.raises(TokenError):
        verify_signature(parse_token(forged), PUBLIC, "aif-2025")


@pytest.mark.parametrize("text", ["", "A" * 119, token()[:-1], token() + "A", token()[:60] + "1" + token()[61:], "hello"])
def test_malformed(text):
    with pytest.raises(TokenError) as info:
        parse_token(text)
    assert info.value.reason == "malformed"


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_any_text_is_a_clean_refusal_or_a_parse(text):
    try:
        claims = parse_token(text)
    except TokenError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    with pytest.raises(TokenError):
        verify_signature(claims, PUBLIC, "aif-2025")
