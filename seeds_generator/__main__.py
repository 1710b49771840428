"""``python -m seeds_generator``: same as the ``bank-seed`` console script."""

from seeds_generator.cli import main

if __name__ == "__main__":
    main()
