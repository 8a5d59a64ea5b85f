"""The nginx configurations of docs/deploy.md: the cache part is `make loadtest`'s
(bench/nginx.conf.template), the two say the same, the bypass names the app's cookies;
nginx accepts both it and the documented front server, which hides nginx's version."""

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

ROOT = Path(__file__).resolve().parents[2]
DIRECTIVES = re.compile(
    r"^\s*((?:proxy_cache\w*|proxy_no_cache|add_header X-Proxy-Cache|keepalive\w*)\b[^;]*;)",
    re.MULTILINE,
)


def _proxy_module():
    spec = importlib.util.spec_from_file_location("bench_proxy", ROOT / "bench" / "proxy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cache_directives(text):
    """The caching directives, one per line, whitespace normalised, paths left out."""
    found = [" ".join(match.split()) for match in DIRECTIVES.findall(text)]
    return [re.sub(r"^proxy_cache_path \S+", "proxy_cache_path", line) for line in found]


def _documented():
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    blocks = re.findall(r"```nginx\n(.*?)```", deploy, re.DOTALL)
    return next(block for block in blocks if "proxy_cache_path" in block)


def _bench(tmp_path):
    text = _proxy_module().render_config(tmp_path, port=8000, upstreams=(8001, 8002))
    return text.split("# cache: begin", 1)[1].split("# cache: end", 1)[0]


def test_documented_cache_configuration_is_the_load_tested_one(tmp_path):
    documented = _cache_directives(_documented())
    assert "proxy_cache_revalidate on;" in documented
    assert documented == _cache_directives(_bench(tmp_path))


def test_requests_with_credentials_neither_read_nor_fill_the_cache():
    credentials = (
        f"$cookie_{settings.SESSION_COOKIE_NAME} $cookie_{CookieStorage.cookie_name} "
        "$http_authorization;"
    )
    documented = _cache_directives(_documented())
    assert f"proxy_cache_bypass {credentials}" in documented
    assert f"proxy_no_cache {credentials}" in documented
    # Either would override the app's `private` and Set-Cookie, or cache what it did not mark.
    assert not re.search(r"proxy_ignore_headers|proxy_cache_valid", _documented())


@pytest.mark.skipif(shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
                    reason="needs nginx (Debian package nginx)")
def test_nginx_accepts_the_load_test_configuration(tmp_path):
    proxy = _proxy_module()
    config = tmp_path / "nginx.conf"
    config.write_text(proxy.render_config(tmp_path, port=8000, upstreams=(8001, 8002)))
    checked = subprocess.run(
        [proxy.nginx_binary(), "-t", "-q", "-p", str(tmp_path), "-c", str(config)],
        capture_output=True, text=True,
    )
    assert checked.returncode == 0, checked.stderr


def _front_server():
    """The "nginx in front" configuration of docs/deploy.md (the first nginx block)."""
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    return re.findall(r"```nginx\n(.*?)```", deploy, re.DOTALL)[0]


def test_documented_front_server_hides_the_nginx_version():
    assert re.search(r"^server_tokens off;", _front_server(), re.MULTILINE)


@pytest.mark.skipif(shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
                    reason="needs nginx (Debian package nginx)")
@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl for a test certificate")
def test_nginx_accepts_the_documented_front_server(tmp_path):
    """`nginx -t` of the block as documented, inside the http context it is included in,
    with a throwaway certificate in place of Let's Encrypt's."""
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=otwarte.example.org",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )
    server = re.sub(r"(ssl_certificate\s+)\S+;", rf"\g<1>{certificate};", _front_server())
    server = re.sub(r"(ssl_certificate_key\s+)\S+;", rf"\g<1>{key};", server)
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n    access_log off;\n{server}}}\n"
    )
    checked = subprocess.run(
        [_proxy_module().nginx_binary(), "-t", "-q", "-e", str(tmp_path / "error.log"),
         "-p", str(tmp_path), "-c", str(config)],
        capture_output=True, text=True,
    )
    assert checked.returncode == 0, checked.stderr
