"""``sse-atlas users`` and ``sse-atlas tokens``: accounts and API tokens, for the organiser."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any

from sse_atlas.kb import KnowledgeBase
from sse_atlas.store import StoreError
from sse_atlas.store.curation_types import Role, Scope

Handler = Callable[[argparse.Namespace], int]


def _read_password(args: argparse.Namespace) -> str:
    """From stdin with ``--password-stdin`` (scripts), else asked twice on the terminal."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise StoreError("no terminal to ask the password on: pipe it with --password-stdin")
    first = getpass.getpass(f"password for {args.name}: ")
    if getpass.getpass("again: ") != first:
        raise StoreError("the two passwords differ")
    return first


def add_parsers(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``users`` and ``tokens`` command groups."""
    roles = [role.value for role in Role]
    users = commands.add_parser("users", help="accounts that may suggest, edit or administer")
    actions = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="create an account (the password is asked for)")
    add.add_argument("name")
    add.add_argument("--role", choices=roles, default=Role.EDITOR.value)
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add_db(add)
    listing = actions.add_parser("list", help="every account, its role and state")
    add_db(listing)
    set_role = actions.add_parser("set-role", help="give an account another role")
    set_role.add_argument("name")
    set_role.add_argument("role", choices=roles)
    add_db(set_role)
    for name, text in (("disable", "stop an account from acting"), ("enable", "let it act again")):
        toggle = actions.add_parser(name, help=text)
        toggle.add_argument("name")
        add_db(toggle)
    password = actions.add_parser("set-password", help="set an account's password")
    password.add_argument("name")
    password.add_argument("--password-stdin", action="store_true")
    add_db(password)

    tokens = commands.add_parser("tokens", help="API tokens for the write API, per account")
    token_actions = tokens.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = token_actions.add_parser("create", help="a new token, printed once")
    create.add_argument("name", help="the account the token acts as")
    create.add_argument("--scope", choices=[s.value for s in Scope], default=Scope.READ.value)
    add_db(create)
    revoke = token_actions.add_parser("revoke", help="stop a token from working")
    revoke.add_argument("token_id", metavar="ID")
    add_db(revoke)
    token_list = token_actions.add_parser("list", help="tokens (never their secret)")
    token_list.add_argument("name", nargs="?", help="only this account's")
    add_db(token_list)


def _users(args: argparse.Namespace) -> int:
    with KnowledgeBase.open(args.db) as kb:
        store = kb.repository.curation
        if args.action != "list":
            kb.verify_store()
        if args.action == "add":
            user = store.add_user(args.name, _read_password(args), Role(args.role))
            print(f"{user.name}: {user.role.value}")
        elif args.action == "list":
            for user in store.users():
                state = "disabled" if user.disabled else "active"
                print(f"{user.name}\t{user.role.value}\t{state}\t{user.created_at.isoformat()}")
        elif args.action == "set-role":
            print(f"{args.name}: {store.set_role(args.name, Role(args.role)).role.value}")
        elif args.action in ("disable", "enable"):
            store.set_disabled(args.name, args.action == "disable")
            print(f"{args.name}: {args.action}d")
        else:
            store.set_password(args.name, _read_password(args))
            print(f"{args.name}: password changed")
    return 0


def _tokens(args: argparse.Namespace) -> int:
    with KnowledgeBase.open(args.db) as kb:
        store = kb.repository.curation
        if args.action != "list":
            kb.verify_store()
        if args.action == "create":
            token, text = store.create_token(args.name, Scope(args.scope))
            sys.stderr.write(f"token {token.id} ({token.scope.value}) for {token.user}:\n")
            print(text)
        elif args.action == "revoke":
            print(f"{store.revoke_token(args.token_id).id}: revoked")
        else:
            for token in store.tokens(args.name):
                state = "revoked" if token.revoked else "live"
                print(f"{token.id}\t{token.user}\t{token.scope.value}\t{state}")
    return 0


COMMANDS: dict[str, Handler] = {"users": _users, "tokens": _tokens}
