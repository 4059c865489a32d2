"""The town's Ed25519 signing key, created on first use and kept in its database so it travels with the file."""

from __future__ import annotations

import base64
import hashlib

from ..domain.errors import UserError
from ..storage import settings_repo

KEY_SETTING = "signing_key"


def fingerprint(public_b64: str) -> str:
    """A short, readable fingerprint to confirm by phone: 8 groups of 4 hex digits."""
    digest = hashlib.sha256(base64.b64decode(public_b64)).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def load_or_create(session, code: str) -> tuple[bytes, str]:
    """(private key bytes, public key base64) of this database's jurisdiction."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    stored = settings_repo.get(session, code, KEY_SETTING)
    if stored:
        private = base64.b64decode(stored["private"])
        return private, stored["public"]
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    public = base64.b64encode(key.public_key().public_bytes(serialization.Encoding.Raw,
                                                            serialization.PublicFormat.Raw)).decode("ascii")
    settings_repo.put(session, code, KEY_SETTING, {"private": base64.b64encode(private).decode("ascii"),
                                                    "public": public})
    return private, public


def sign(private: bytes, data: bytes) -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return base64.b64encode(Ed25519PrivateKey.from_private_bytes(private).sign(data)).decode("ascii")


def verify(public_b64: str, data: bytes, signature_b64: str) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64)).verify(base64.b64decode(signature_b64), data)
    except (InvalidSignature, ValueError) as exc:
        raise UserError("签名校验失败：文件在传送途中可能被改动，或并非该乡镇所发", "signature check failed") from exc
