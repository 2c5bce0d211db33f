"""Authoring: everything students receive is generated from solutions/."""
