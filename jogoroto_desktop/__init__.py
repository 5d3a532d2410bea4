"""Jogoroto Desktop: the SOP book of Kecamatan Jogoroto put to work on the office PCs."""

__version__ = "0.1.0"
APP_NAME = "Jogoroto Desktop"
APP_ID = "JogorotoDesktop"
ORG_NAME = "Kecamatan Jogoroto"
