"""Print the stored booking requests as JSON, one per line (`make bookings`)."""
from core.database import get_store, iter_json_lines


def main() -> None:
    for line in iter_json_lines(get_store()):
        print(line)


if __name__ == "__main__":
    main()
