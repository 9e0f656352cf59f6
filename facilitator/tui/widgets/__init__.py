"""Widgets of the meeting screen: agenda stepper, stage guide, notes, ledgers, cases."""
