"""The identity of the served dataset: it changes exactly when a build changes what is served."""

from __future__ import annotations

import hashlib

from api.settings import Settings
from kg.paths import MANIFEST_NAME


def dataset_identity(settings: Settings) -> str | None:
    """A digest of the build manifest and the dataset's size, or None when not knowable.

    A remote store may change behind the service, so it has no identity; nor has a dataset
    built without a manifest.
    """
    if settings.remote_endpoint is not None:
        return None
    manifest = settings.dataset.parent / MANIFEST_NAME
    try:
        digest = hashlib.sha256(manifest.read_bytes())
        digest.update(str(settings.dataset.stat().st_size).encode())
    except OSError:
        return None
    return digest.hexdigest()[:32]
