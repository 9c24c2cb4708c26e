import base64

SAMPLE = "eyJpZCI6IDEsICJuYW1lIjogIkFkYSJ9"

def test_sample_json():
    assert base64.b64decode(SAMPLE) == b'{"id": 1, "name": "Ada"}'
