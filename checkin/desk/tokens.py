"""Signed badge tokens: opaque, compact, verifiable offline.

A token is uppercase base32 (QR alphanumeric mode) of
    version (1 byte) | event key tag (4) | attendee id (4) | badge serial (2) | Ed25519 signature (64)
where the signature covers the first eleven bytes and the event code. No personal data is in it:
a lost badge tells a finder nothing, and a reprint bumps the serial so the old one is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

TOKEN_VERSION = 1
_HEADER = struct.Struct(">B4sIH")
_SIGNATURE_BYTES = 64
TOKEN_BYTES = _HEADER.size + _SIGNATURE_BYTES
TOKEN_LENGTH = (TOKEN_BYTES * 8 + 4) // 5  # 120 characters, no padding
_ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


class TokenError(ValueError):
    """The text is not one of our tokens, or its signature does not hold."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason  # "malformed" | "bad_signature"


@dataclass(frozen=True)
class TokenClaims:
    key_tag: str       # hex; names the event whose key signed it
    attendee_id: int
    serial: int
    body: bytes
    signature: bytes


def new_keypair() -> tuple[bytes, bytes]:
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption())
    public = key.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
    return private, public


def key_tag(public_key: bytes) -> str:
    return hashlib.sha256(public_key).digest()[:4].hex()


def make_token(private_key: bytes, public_key: bytes, event_code: str, attendee_id: int, serial: int) -> str:
    body = _HEADER.pack(TOKEN_VERSION, bytes.fromhex(key_tag(public_key)), attendee_id, serial)
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(body + event_code.encode("utf-8"))
    return base64.b32encode(body + signature).decode("ascii").rstrip("=")


_AIM_PREFIX = re.compile(r"^\][A-Z][0-9A-Z]")   # a scanner's symbology identifier, e.g. ]Q1 for a QR code


def normalise(text: str) -> str:
    """What a scanner or a person typed, as a token: spaces and case don't matter (Caps Lock on
    a scanner inverts case), and a prefix a scanner is set to send before the code is dropped."""
    token = _AIM_PREFIX.sub("", "".join(text.split()).upper())
    if len(token) > TOKEN_LENGTH and set(token[-TOKEN_LENGTH:]) <= _ALPHABET:
        token = token[-TOKEN_LENGTH:]   # a configured prefix such as "#" or "AIF:" before the code
    return token


def parse_token(text: str) -> TokenClaims:
    """Read the fields without checking the signature (that needs the event's key)."""
    token = normalise(text)
    if len(token) != TOKEN_LENGTH or not set(token) <= _ALPHABET:
        raise TokenError("malformed", "this code is not a Forum badge or invitation code (wrong length or characters)")
    try:
        raw = base64.b32decode(token + "=" * (-len(token) % 8))
    except (binascii.Error, ValueError) as exc:
        raise TokenError("malformed", "this code is not a Forum badge or invitation code") from exc
    version, tag, attendee_id, serial = _HEADER.unpack(raw[: _HEADER.size])
    if version != TOKEN_VERSION:
        raise TokenError("malformed", f"this code has version {version}, which this station does not read")
    return TokenClaims(tag.hex(), attendee_id, serial, raw[: _HEADER.size], raw[_HEADER.size:])


def verify_signature(claims: TokenClaims, public_key: bytes, event_code: str) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(claims.signature, claims.body + event_code.encode("utf-8"))
    except InvalidSignature as exc:
        raise TokenError("bad_signature", "this code's signature does not match: it was altered or forged") from exc
