"""``manage.py rebuild_search_index``: rebuild the search index from the database."""

from django.core.management.base import BaseCommand

from search.services import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the public search index from the search documents every app registers."

    def add_arguments(self, parser):
        parser.add_argument("--async", action="store_true", dest="run_async",
                            help="Enqueue the rebuild as a Celery task instead of running it here.")

    def handle(self, *args, run_async=False, **options):
        if run_async:
            from search.tasks import rebuild_index as task

            task.delay()
            self.stdout.write("Rebuild enqueued.")
            return
        count = rebuild_index()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} documents."))
