#!/bin/sh
# How the speech fixtures were made (committed, so tests and CI need no espeak-ng):
#   apt-get install -y espeak-ng sox; sh tests/data/speech/make.sh
# Each clip: 0.5 s of silence, then each line of its .txt spoken with 1.2 s of silence
# after it, 16 kHz mono; then compressed with PyAV (en: Opus in Ogg, zh: AAC in M4A).
# Debian's espeak-ng has no Mandarin dictionary for characters, so the Chinese lines are
# spoken from their pinyin (zh.pinyin, same lines). Its Mandarin is robotic: Whisper
# base gets little of it right (and falls back to slow re-decoding on most lines), so the
# Chinese clip is two short lines it half gets, and tests the pipeline, not accuracy.
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d)
clip() {  # name voice source-file espeak-options
  n=0; parts=""
  while IFS= read -r line; do
    espeak-ng -v "$2" $4 -w "$tmp/u$n.wav" "$line"
    sox "$tmp/u$n.wav" -r 16000 -c 1 -b 16 "$tmp/r$n.wav"
    sox -n -r 16000 -c 1 -b 16 "$tmp/s$n.wav" trim 0 1.2
    parts="$parts $tmp/r$n.wav $tmp/s$n.wav"; n=$((n + 1))
  done < "$3"
  sox -n -r 16000 -c 1 -b 16 "$tmp/lead.wav" trim 0 0.5
  sox "$tmp/lead.wav" $parts "$tmp/$1.wav"
}
clip en en-us en.txt "-s 130"
clip zh cmn-latn-pinyin zh.pinyin "-s 110 -g 3"
python3 ../../speech/encode.py "$tmp/en.wav" en.ogg
python3 ../../speech/encode.py "$tmp/zh.wav" zh.m4a
rm -rf "$tmp"
