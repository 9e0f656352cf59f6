"""The microphone through ``sounddevice`` (PortAudio), for live listening.

PortAudio is a system library: present on most desktops, often missing on servers and in
CI. Importing ``sounddevice`` without it raises ``OSError``; a machine with PortAudio but
no input device has nothing to record from. Either way the user gets one line saying so
and nothing else changes, so both are asked here, never at import time.
"""

from __future__ import annotations

PROBLEMS = {
    "no_portaudio": "PortAudio is not installed (e.g. apt install libportaudio2), so listening is off",
    "no_devices": "PortAudio cannot list the sound devices, so listening is off",
    "no_microphone": "no microphone found (no input device), so listening is off",
}
"""Why listening cannot start, by code: the TUI shows its own words for each code."""

READY = "PortAudio and an input device found"
"""What `doctor` says when listening can start (``cli_text`` says each of these in Chinese)."""


def microphone_check() -> str | None:
    """The code in ``PROBLEMS`` of why the microphone cannot be recorded from; None when it can."""
    try:
        import sounddevice as sd
    except OSError:
        return "no_portaudio"
    try:
        devices = sd.query_devices()
    except Exception:  # noqa: BLE001 - PortAudio reports any host problem this way
        return "no_devices"
    if not any(d.get("max_input_channels", 0) > 0 for d in devices):
        return "no_microphone"
    return None


def microphone_problem() -> str | None:
    """Why the microphone cannot be recorded from here, in one line; None when it can."""
    code = microphone_check()
    return PROBLEMS[code] if code else None
