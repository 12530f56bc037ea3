import pytest

from actions import server


def test_it_will_not_start_without_a_token(monkeypatch, capsys):
    monkeypatch.delenv(server.TOKEN_VARIABLE, raising=False)
    assert server.main([]) == 2
    assert server.TOKEN_VARIABLE in capsys.readouterr().err
    with pytest.raises(ValueError):
        server.create_app("")


def test_it_binds_to_loopback_unless_told_otherwise(monkeypatch):
    started = {}

    class App:
        def run(self, host, port, **kwargs):
            started.update(host=host, port=port)

    monkeypatch.setenv(server.TOKEN_VARIABLE, "t")
    monkeypatch.delenv(server.HOST_VARIABLE, raising=False)
    monkeypatch.setattr(server, "create_app", lambda token, package: App())
    assert server.main(["--port", "5999"]) == 0
    assert started == {"host": "127.0.0.1", "port": 5999}
