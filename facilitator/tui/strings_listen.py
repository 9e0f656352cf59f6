"""UI strings of live listening in the meeting screen (``screens/meeting_listen.py``)."""

from __future__ import annotations

LISTEN_ZH: dict[str, str] = {
    "listen": "听写开/关",
    "heard": "听到的话",
    "heard_on": "听到的话 · 正在听写，Ctrl+T 停止",
    "listen_starting": "正在打开麦克风和语音模型…",
    "listen_on": "正在听写（Ctrl+T 停止）：说的话会记入当前阶段",
    "listen_stopping": "正在停止听写，转写最后一句…",
    "listen_off": "听写已停止，录音保存在 {path}",
    "listen_failed": "无法听写：{reason}",
    "mic_no_portaudio": "没有安装 PortAudio（如 apt install libportaudio2），听写不可用",
    "mic_no_devices": "PortAudio 列不出声音设备，听写不可用",
    "mic_no_microphone": "没有找到麦克风（没有输入设备），听写不可用",
    "mic_cannot_open": "麦克风打不开，听写不可用",
}

LISTEN_EN: dict[str, str] = {
    "listen": "Listen on/off",
    "heard": "Heard",
    "heard_on": "Heard · listening, Ctrl+T stops",
    "listen_starting": "Opening the microphone and the speech model…",
    "listen_on": "Listening (Ctrl+T stops): what is said goes into the current stage",
    "listen_stopping": "Stopping: transcribing the last words…",
    "listen_off": "Listening stopped; the recording is in {path}",
    "listen_failed": "Cannot listen: {reason}",
    "mic_no_portaudio": "PortAudio is not installed (e.g. apt install libportaudio2), so listening is off",
    "mic_no_devices": "PortAudio cannot list the sound devices, so listening is off",
    "mic_no_microphone": "No microphone found (no input device), so listening is off",
    "mic_cannot_open": "The microphone cannot be opened, so listening is off",
}
