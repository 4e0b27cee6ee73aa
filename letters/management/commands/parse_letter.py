"""Print, without touching the database, the parse of each file as a JSON array (the parse_letter contract)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from letters.parsing import parse


class Command(BaseCommand):
    help = "Parse letter files and print a JSON array, one object per file. Writes nothing to the database."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--cleaned-text", action="store_true", help="Include each letter's cleaned text.")

    def handle(self, *args, files, cleaned_text, **options):
        results = []
        for name in files:
            try:
                raw = Path(name).read_bytes()
            except OSError as error:
                results.append(
                    {
                        "file": name,
                        "ok": False,
                        "errors": [f"cannot read the file: {error.strerror}"],
                        "warnings": [],
                        "findings": [],
                    }
                )
                continue
            parsed = parse(raw)
            item = {"file": name, **parsed.to_dict()}
            if cleaned_text:
                item["cleaned_text"] = parsed.cleaned_text
            results.append(item)
        self.stdout.write(json.dumps(results, indent=1, ensure_ascii=False))
