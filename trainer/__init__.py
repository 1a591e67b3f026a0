"""Media Literacy Trainer: practise spotting unverified claims and loaded framing."""

__version__ = "0.1.0"
