"""The microphone through ``sounddevice`` (PortAudio), for live listening.

PortAudio is a system library: present on most desktops, often missing on servers and in
CI. Importing ``sounddevice`` without it raises ``OSError``; a machine with PortAudio but
no input device has nothing to record from. Either way the user gets one line saying so
and nothing else changes, so both are asked here, never at import time.
"""

from __future__ import annotations


def microphone_problem() -> str | None:
    """Why the microphone cannot be recorded from here, in one line; None when it can."""
    try:
        import sounddevice as sd
    except OSError:
        return "PortAudio is not installed (e.g. apt install libportaudio2), so listening is off"
    try:
        devices = sd.query_devices()
    except Exception as exc:  # noqa: BLE001 - PortAudio reports any host problem this way
        return f"PortAudio cannot list devices ({exc}), so listening is off"
    if not any(d.get("max_input_channels", 0) > 0 for d in devices):
        return "no microphone found (no input device), so listening is off"
    return None
