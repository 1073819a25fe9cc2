#!/usr/bin/env python3
"""A casino wallet's Trueplay callbacks, in plain Python 3.11 (standard library only).

Trueplay calls us on two endpoints, both signed with X-REQUEST-SIGNATURE:

    POST /trueplay/balance         {"operatorId", "operatorUserId"}
    POST /trueplay/token-exchange  {"id", "action": CREDIT|DEBIT, "amount", "currency", ...}

signature = Base64(HMAC-SHA512(secret, lowercase-hex(MD5(raw body bytes))))

Money is decimal.Decimal from the moment it is parsed until it is written back
(as the Decimal's own text, e.g. 100.00). Token exchanges are idempotent by "id".

Admin endpoints (no signature, loopback only, for tests and support people):

    PUT    /_admin/players/{id}   {"balance": "50.00", "currency": "USD"}  -> create or overwrite
    GET    /_admin/players/{id}
    DELETE /_admin/players/{id}
    POST   /_admin/reset                                                   -> forget everything
    POST   /_admin/provider-states                                         -> Pact provider states, for
           `trueplay-sandbox verify operator` and `probe` (--state-url .../_admin/provider-states):
           {"state": "a player exists", "params": {"operatorUserId", "balance", "currency"}, "action": "setup"}
           {"state": "no player exists", "params": {"operatorUserId"}}
           {"state": "a token exchange was processed", "params": {a Token Exchange body}}

Usage:
    python3 python_wallet.py --port 0 --secret S [--flaw NAME ...] [--log]

Deliberate flaws, for testing the tools that judge wallets:
    no-idempotency   a repeated id moves money again
    no-signature     the signature is not checked
    split-check      the balance is checked, the lock released, then the debit made
    negative-amount  non-positive amounts are applied
"""

from __future__ import annotations

import argparse
import base64
import decimal
import hashlib
import hmac
import json
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

FLAWS = ("no-idempotency", "no-signature", "split-check", "negative-amount")

# Plenty of digits: a balance must never be rounded by the arithmetic itself.
decimal.getcontext().prec = 60

MAX_AMOUNT = Decimal("1000000000000")  # 10^12, far beyond any real exchange
MAX_FRACTION_DIGITS = 8
MAX_BODY = 1024 * 1024


# --------------------------------------------------------------------------- signature

def sign(secret: str, raw: bytes) -> str:
    md5_hex = hashlib.md5(raw).hexdigest()  # lowercase hex
    mac = hmac.new(secret.encode("utf-8"), md5_hex.encode("ascii"), hashlib.sha512).digest()
    return base64.b64encode(mac).decode("ascii")


def signature_ok(secret: str, raw: bytes, header: str | None) -> bool:
    if not header:
        return False
    try:
        given = base64.b64decode(header.strip(), validate=True)
    except (ValueError, TypeError):
        return False
    expected = base64.b64decode(sign(secret, raw))
    return hmac.compare_digest(given, expected)


def self_test() -> None:
    """The vector from Trueplay's docs; refuse to start if we disagree with it."""
    body = (b'{"id":"103193","action":"CREDIT","amount":4.123,"currency":"USD",'
            b'"exchangeRate":0.00203250655485,"tokenAmount":2500,"operatorId":123,"operatorUserId":"333"}')
    want = "IifPVbfXptagZ6qSXH9vYrQiqSP4sKIC+hV+39z2K+FlLzRoEboPGTTymjmeuAhN1i0ICDyyrrufYspgAJmxHQ=="
    got = sign("secret", body)
    if got != want or not signature_ok("secret", body, want) or signature_ok("secret", body + b" ", want):
        raise SystemExit(f"signature self-test failed: got {got}")


# --------------------------------------------------------------------------- JSON with Decimals

_DEC_MARK = "\u0000dec:"
_DEC_RE = re.compile(r'"\\u0000dec:([^"]+)"')


def _default(o: Any) -> Any:
    if isinstance(o, Decimal):
        return _DEC_MARK + str(o)
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def dumps(obj: Any) -> bytes:
    """json.dumps, but a Decimal is written as a bare number with its own text (100.00, not 100.0)."""
    text = json.dumps(obj, default=_default, separators=(",", ":"))
    return _DEC_RE.sub(lambda m: m.group(1), text).encode("utf-8")


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def loads(raw: bytes) -> Any:
    return json.loads(raw.decode("utf-8"), parse_float=Decimal, parse_constant=_no_constants)


# --------------------------------------------------------------------------- the ledger

class WalletError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class Player:
    player_id: str
    balance: Decimal
    currency: str
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


@dataclass
class Outcome:
    body: dict            # the request as parsed, to tell a retry from a different request
    player_id: str
    status: int
    answer: bytes


class Wallet:
    def __init__(self, flaws: set[str]) -> None:
        self.flaws = flaws
        self._players: dict[str, Player] = {}
        self._players_guard = threading.Lock()
        self._outcomes: dict[str, Outcome] = {}
        self._id_locks: dict[str, threading.Lock] = {}
        self._outcomes_guard = threading.Lock()

    # -- admin

    def put_player(self, player_id: str, balance: Decimal, currency: str) -> tuple[Player, bool]:
        with self._players_guard:
            player = self._players.get(player_id)
            if player is None:
                player = Player(player_id, balance, currency)
                self._players[player_id] = player
                return player, True
        with player.lock:
            player.balance = balance
            player.currency = currency
        return player, False

    def get_player(self, player_id: str) -> Player | None:
        with self._players_guard:
            return self._players.get(player_id)

    def delete_player(self, player_id: str) -> bool:
        with self._players_guard:
            return self._players.pop(player_id, None) is not None

    def forget_player(self, player_id: str) -> None:
        """Drops a player and every exchange remembered for them: a provider state starts from nothing."""
        with self._players_guard:
            self._players.pop(player_id, None)
        with self._outcomes_guard:
            for tx_id in [k for k, o in self._outcomes.items() if o.player_id == player_id]:
                del self._outcomes[tx_id]

    def reset(self) -> None:
        with self._players_guard:
            self._players.clear()
        with self._outcomes_guard:
            self._outcomes.clear()
            self._id_locks.clear()

    # -- Trueplay calls

    def balance(self, body: dict) -> tuple[int, dict]:
        player_id = _player_id(body)
        player = self.get_player(player_id)
        if player is None:
            raise WalletError(404, "player_unknown", f"no player {player_id!r} in this casino")
        with player.lock:
            return 200, {"operatorUserId": player.player_id, "balance": player.balance,
                         "currency": player.currency}

    def token_exchange(self, body: dict) -> tuple[int, bytes]:
        tx_id = body.get("id")
        if isinstance(tx_id, bool) or not isinstance(tx_id, (str, int)) or str(tx_id) == "":
            raise WalletError(400, "bad_request", "id must be a non-empty string")
        tx_id = str(tx_id)
        action = body.get("action")
        if action not in ("CREDIT", "DEBIT"):
            raise WalletError(400, "bad_request", "action must be CREDIT or DEBIT")
        amount = self._amount(body.get("amount"))
        player_id = _player_id(body)

        if "no-idempotency" in self.flaws:
            return self._apply(tx_id, action, amount, player_id, body)

        with self._outcomes_guard:
            id_lock = self._id_locks.setdefault(tx_id, threading.Lock())
        with id_lock:  # one request per id at a time: a retry waits for the first to finish
            with self._outcomes_guard:
                previous = self._outcomes.get(tx_id)
            if previous is not None:
                if previous.body != body:
                    raise WalletError(409, "replayed_with_different_body",
                                      f"transaction {tx_id} was already received with another body")
                return previous.status, previous.answer
            status, answer = self._apply(tx_id, action, amount, player_id, body)
            return status, answer

    def _amount(self, value: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise WalletError(400, "bad_request", "amount must be a JSON number")
        amount = Decimal(value)
        if not amount.is_finite():
            raise WalletError(400, "bad_request", "amount must be a finite number")
        if "negative-amount" not in self.flaws and amount <= 0:
            raise WalletError(400, "bad_request", "amount must be greater than zero")
        if abs(amount) > MAX_AMOUNT:
            raise WalletError(400, "bad_request", "amount is too large")
        if -amount.as_tuple().exponent > MAX_FRACTION_DIGITS:
            raise WalletError(400, "bad_request", f"amount has more than {MAX_FRACTION_DIGITS} decimals")
        return amount

    def _apply(self, tx_id: str, action: str, amount: Decimal, player_id: str,
               body: dict) -> tuple[int, bytes]:
        player = self.get_player(player_id)
        if player is None:
            # not remembered: the player may be opened later and Trueplay may try again
            raise WalletError(404, "player_unknown", f"no player {player_id!r} in this casino")

        if action == "DEBIT" and "split-check" in self.flaws:
            with player.lock:
                short = player.balance < amount
                have = player.balance
            if short:
                return self._remember(tx_id, body, *_short(have, amount))
            time.sleep(0.005)  # e.g. a call to the bonus engine between the check and the write
            with player.lock:
                player.balance -= amount
                return self._remember(tx_id, body, 200, _ok(tx_id, player))

        with player.lock:
            if action == "DEBIT":
                if player.balance < amount:
                    return self._remember(tx_id, body, *_short(player.balance, amount))
                player.balance -= amount
            else:
                player.balance += amount
            return self._remember(tx_id, body, 200, _ok(tx_id, player))

    def _remember(self, tx_id: str, body: dict, status: int, answer: bytes) -> tuple[int, bytes]:
        if "no-idempotency" not in self.flaws:
            with self._outcomes_guard:
                self._outcomes[tx_id] = Outcome(body, _player_id(body), status, answer)
        return status, answer


def _player_id(body: dict) -> str:
    value = body.get("operatorUserId")
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) == "":
        raise WalletError(400, "bad_request", "operatorUserId must be a non-empty string")
    return str(value)


def _ok(tx_id: str, player: Player) -> bytes:
    return dumps({"id": tx_id, "status": "OK", "balance": player.balance, "currency": player.currency})


def _short(have: Decimal, amount: Decimal) -> tuple[int, bytes]:
    return 422, _error_body("not_enough_funds", f"balance {have} is less than {amount}")


def _error_body(code: str, message: str) -> bytes:
    return dumps({"status": "ERROR", "error": {"code": code, "message": message}})


# --------------------------------------------------------------------------- HTTP

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "casino-wallet/1.4"
    sys_version = ""

    wallet: Wallet
    secret: str
    log_requests: bool

    # http.server calls these by method name
    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_GET(self) -> None:
        self._handle("GET")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # request lines only with --log; errors (log_error) always go to stderr
        if self.log_requests:
            super().log_request(code, size)

    def _handle(self, method: str) -> None:
        path = urlsplit(self.path).path
        try:
            raw = self._read_body()
        except WalletError as e:
            self._send(e.status, _error_body(e.code, e.message), close=True)
            return
        try:
            if path in ("/trueplay/balance", "/trueplay/token-exchange"):
                status, answer = self._trueplay(method, path, raw)
            elif path.startswith("/_admin/"):
                status, answer = self._admin(method, path, raw)
            else:
                raise WalletError(404, "not_found", f"nothing at {path}")
        except WalletError as e:
            status, answer = e.status, _error_body(e.code, e.message)
        except Exception as e:  # a bug of ours: say so, keep serving
            self.log_error("internal error: %r", e)
            status, answer = 500, _error_body("internal_error", "something broke on our side")
        self._send(status, answer)

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            total = 0
            while True:
                size_line = self.rfile.readline(1024)
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                total += size
                if total > MAX_BODY:
                    raise WalletError(413, "body_too_large", "request body is too large")
                chunks.append(self.rfile.read(size))
                self.rfile.readline(1024)
            return b"".join(chunks)
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        try:
            n = int(length)
        except ValueError:
            raise WalletError(400, "bad_request", "bad Content-Length") from None
        if n < 0 or n > MAX_BODY:
            raise WalletError(413, "body_too_large", "request body is too large")
        return self.rfile.read(n)

    def _send(self, status: int, answer: bytes, close: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(answer)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(answer)

    def _trueplay(self, method: str, path: str, raw: bytes) -> tuple[int, bytes]:
        if method != "POST":
            raise WalletError(405, "method_not_allowed", f"{path} takes POST")
        if "no-signature" not in self.wallet.flaws:
            header = self.headers.get("X-REQUEST-SIGNATURE")
            if not header:
                raise WalletError(403, "signature_missing", "X-REQUEST-SIGNATURE header is required")
            if not signature_ok(self.secret, raw, header):
                raise WalletError(403, "signature_mismatch", "X-REQUEST-SIGNATURE does not match the body")
        body = _parse_object(raw)
        if path == "/trueplay/balance":
            status, payload = self.wallet.balance(body)
            return status, dumps(payload)
        return self.wallet.token_exchange(body)

    def _admin(self, method: str, path: str, raw: bytes) -> tuple[int, bytes]:
        if path == "/_admin/provider-states" and method == "POST":
            return self._provider_state(_parse_object(raw))
        if path == "/_admin/reset" and method == "POST":
            self.wallet.reset()
            return 200, dumps({"status": "OK"})
        m = re.fullmatch(r"/_admin/players/([^/]+)", path)
        if not m:
            raise WalletError(404, "not_found", f"nothing at {path}")
        player_id = unquote(m.group(1))
        if method == "PUT":
            body = _parse_object(raw)
            balance = _admin_balance(body.get("balance", "0.00"))
            currency = body.get("currency", "USD")
            if not isinstance(currency, str) or not currency:
                raise WalletError(400, "bad_request", "currency must be a string")
            player, created = self.wallet.put_player(player_id, balance, currency)
            return (201 if created else 200), _player_json(player)
        if method == "GET":
            player = self.wallet.get_player(player_id)
            if player is None:
                raise WalletError(404, "player_unknown", f"no player {player_id!r}")
            return 200, _player_json(player)
        if method == "DELETE":
            if not self.wallet.delete_player(player_id):
                raise WalletError(404, "player_unknown", f"no player {player_id!r}")
            return 200, dumps({"status": "OK"})
        raise WalletError(405, "method_not_allowed", f"{method} not allowed on {path}")


    def _provider_state(self, body: dict) -> tuple[int, bytes]:
        state = body.get("state")
        params = body.get("params") or {}
        if not isinstance(params, dict):
            raise WalletError(400, "bad_request", "params must be an object")
        if body.get("action", "setup") == "teardown":
            return 200, dumps({"status": "OK"})  # every setup starts from scratch, nothing to undo
        if state == "a player exists":
            player_id = _player_id(params)
            balance = _admin_balance(params.get("balance", "0.00"))
            currency = params.get("currency") or "USD"
            self.wallet.forget_player(player_id)
            self.wallet.put_player(player_id, balance, str(currency))
        elif state == "no player exists":
            self.wallet.forget_player(_player_id(params))
        elif state == "a token exchange was processed":
            status, answer = self.wallet.token_exchange(params)
            if status != 200:
                raise WalletError(409, "state_not_reached", f"the exchange was refused: {answer.decode()}")
        else:
            raise WalletError(400, "unknown_state", f"no such provider state: {state!r}")
        return 200, dumps({"status": "OK"})


def _admin_balance(value: Any) -> Decimal:
    try:
        balance = Decimal(value) if isinstance(value, (str, int, Decimal)) and not isinstance(value, bool) else None
    except decimal.InvalidOperation:
        balance = None
    if balance is None or not balance.is_finite() or balance < 0:
        raise WalletError(400, "bad_request", "balance must be a non-negative decimal, e.g. \"50.00\"")
    return balance


def _player_json(player: Player) -> bytes:
    with player.lock:
        return dumps({"id": player.player_id, "balance": player.balance, "currency": player.currency})


def _parse_object(raw: bytes) -> dict:
    try:
        body = loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        raise WalletError(400, "bad_request", f"body is not valid JSON: {e}") from None
    if not isinstance(body, dict):
        raise WalletError(400, "bad_request", "body must be a JSON object")
    return body


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="casino wallet: Trueplay operator callbacks")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--secret", required=True, help="the secret key Trueplay issued to us")
    parser.add_argument("--flaw", action="append", default=[], choices=FLAWS,
                        help="turn on a deliberate defect (repeatable)")
    parser.add_argument("--log", action="store_true", help="also log every request line to stderr")
    args = parser.parse_args(argv)

    self_test()

    handler = type("BoundHandler", (Handler,), {
        "wallet": Wallet(set(args.flaw)),
        "secret": args.secret,
        "log_requests": args.log,
    })
    server = ThreadingHTTPServer((args.host, args.port), handler)
    server.daemon_threads = True

    def stop(signum: int, _frame: Any) -> None:
        # shutdown() waits for serve_forever() to return, so it cannot run on the serving thread
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    host, port = server.server_address[:2]
    if args.flaw:
        print(f"deliberate flaws on: {', '.join(sorted(args.flaw))}", file=sys.stderr, flush=True)
    print(f"listening on http://{host}:{port}", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
