"""Make a staff account for the console (`make staff-account`).

    python -m console.create_account [--name NAME]

Asks for the name (unless --name gives it) and the password twice on the terminal; a script sets the password
in the environment variable STAFF_PASSWORD instead. The password must be at least clinic.yml's
console.min_password_length characters. There is no default account and no default password.
"""

import argparse
import getpass
import os
import sys
from typing import List, Optional

from console.accounts import AccountError, Accounts
from core.database import BookingStore
from core.settings import bookings_database_url, clinic

PASSWORD_VARIABLE = "STAFF_PASSWORD"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--name")
    parser.add_argument("--bookings-url", default=None)
    args = parser.parse_args(argv)
    name = args.name if args.name is not None else input("Name: ").strip()
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        password = getpass.getpass("Password: ")
        if getpass.getpass("The password again: ") != password:
            print("The passwords differ; no account made.", file=sys.stderr)
            return 1
    store = BookingStore(args.bookings_url or bookings_database_url())
    try:
        Accounts(store.engine, clinic().console).create(name, password)
    except AccountError as error:
        print(f"No account made: {error}.", file=sys.stderr)
        return 1
    finally:
        store.dispose()
    print(f"Account {name!r} made. Sign in on the staff console.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
