"""wuhai-green: track the Wuhai City green and organic brand plan."""

__version__ = "0.1.0"
