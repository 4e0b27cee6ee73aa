"""Thin API views: read the URL, call the same selectors and search pages (browse/) as the HTML pages, serialise."""

from __future__ import annotations

from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from letters import selectors
from letters.api import serializers
from letters.browse import search_page
from letters.filters import SORT_CHOICES
from letters.freshness import data_version
from letters.models import Authority, Inspection

_SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Search words: quotes for a phrase, OR, a leading - to exclude a word."),
    OpenApiParameter("council", str, many=True, description="A council's slug; repeat for any of several."),
    OpenApiParameter("region", str, many=True, description="A region's name, e.g. London; repeat for several."),
    OpenApiParameter("year", int, many=True, description="A letter year; repeat for several."),
    OpenApiParameter("year_from", int, description="Letters from this year on."),
    OpenApiParameter("year_to", int, description="Letters up to this year."),
    OpenApiParameter("framework", str, many=True, description="A framework's slug (e.g. ilacs)."),
    OpenApiParameter("visit_type", str, many=True, description="A visit type, e.g. focused visit."),
    OpenApiParameter("sort", str, enum=[value for value, _ in SORT_CHOICES], description="Relevance by default."),
    OpenApiParameter("page", int, description="The page of results, from 1 (20 a page)."),
]
_FINDING_PARAMETERS = [
    *_SEARCH_PARAMETERS,
    OpenApiParameter("section", str, many=True, description="A section (e.g. area_for_development)."),
    OpenApiParameter("theme", str, many=True, description="A theme's slug; repeat for any of several."),
]


def _page_url(request: Request, number: int | None) -> str | None:
    if number is None:
        return None
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _search(request: Request, run, serializer_class) -> Response:
    try:
        results = run(request.GET, request.path, data_version.state_for(request))
    except DatabaseError:
        return Response({"errors": {"q": ["That search could not be run. Try fewer or plainer words."]}}, status=400)
    if results.errors:
        return Response({"errors": results.errors}, status=400)
    page = results.page
    body = {
        "query": results.query,
        "count": results.total,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "page_size": page.paginator.per_page,
        "next": _page_url(request, page.next_page_number() if page.has_next() else None),
        "previous": _page_url(request, page.previous_page_number() if page.has_previous() else None),
        "facets": results.facets,
        "results": list(page.object_list),
    }
    context = {"request": request, "snippets": results.snippets}
    return Response(serializer_class(body, context=context).data)


def _search_view(name: str, run, serializer_class, parameters: list, description: str):
    """An API view of a search page, named ``name``, its parameters and answers described for the OpenAPI schema."""

    def view(request: Request) -> Response:
        return _search(request, run, serializer_class)

    view.__name__ = view.__qualname__ = name
    responses = {200: serializer_class, 400: serializers.ErrorSerializer}
    return extend_schema(parameters=parameters, responses=responses, description=description)(api_view(["GET"])(view))


findings = _search_view(
    "findings",
    search_page.search_findings,
    serializers.FindingSearchSerializer,
    _FINDING_PARAMETERS,
    "The findings search (/findings/) as JSON: one page of findings, the facets with their counts.",
)
letters = _search_view(
    "letters",
    search_page.search_letters,
    serializers.LetterSearchSerializer,
    _SEARCH_PARAMETERS,
    "The letters search (/letters/) as JSON: one page of letters, the facets with their counts.",
)


@extend_schema(responses=serializers.CouncilListItemSerializer(many=True), description="Every council, A to Z.")
@api_view(["GET"])
def councils(request: Request) -> Response:
    rows = selectors.councils_with_counts(selectors.stored_counts(data_version.state_for(request)[1]))
    return Response(serializers.CouncilListItemSerializer(rows, many=True, context={"request": request}).data)


@extend_schema(responses=serializers.CouncilDetailSerializer, description="A council and its letters, newest first.")
@api_view(["GET"])
def council(request: Request, slug: str) -> Response:
    authority = get_object_or_404(Authority, slug=slug)
    letters_of = selectors.letters_for_list(Inspection.objects.filter(authority=authority))
    context = {"request": request, "letters": letters_of}
    return Response(serializers.CouncilDetailSerializer(authority, context=context).data)


@extend_schema(
    responses=serializers.LetterDetailSerializer,
    description="A letter: its metadata, inspectors and findings by position, with its themes.",
)
@api_view(["GET"])
def letter(request: Request, council: str, key: str) -> Response:
    inspection = selectors.letter_detail(council, key)
    if inspection is None:
        raise Http404("No such letter")
    return Response(serializers.LetterDetailSerializer(inspection, context={"request": request}).data)


def index(request):
    """A page of examples: what to ask the API and what it answers (a plain page, not part of the schema)."""
    example = Inspection.objects.select_related("authority").order_by("-letter_date", "id").first()
    return render(request, "api/index.html", {"example": example})
