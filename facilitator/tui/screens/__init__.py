"""Screens: meeting list, new-meeting and edit forms, the meeting, the draft, help."""
