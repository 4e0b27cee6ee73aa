"""Thin views: read the request, call a selector, render a template."""

from functools import partial

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from letters import charts, compare, exports, judgements, selectors, timeline_chart
from letters.browse import search_page
from letters.browse.paging import page_of
from letters.browse.registry import topic_label
from letters.freshness import data_version
from letters.freshness.page_cache import cached_by_data_version
from letters.models import (
    Authority,
    AuthorityRedirect,
    Finding,
    Framework,
    Inspection,
    Inspector,
    InspectorRedirect,
    Theme,
)

PAGE_SIZE = 50


@cached_by_data_version
def home(request):
    stored = selectors.stored_counts(data_version.state_for(request)[1])
    themes = list(selectors.themes_with_counts(stored))
    chart = charts.bar_chart(
        [(theme.name, theme.finding_count) for theme in sorted(themes, key=lambda t: -t.finding_count)],
        title="Findings by theme",
        description="How many findings in the archive are tagged with each theme.",
        id_prefix="home-themes",
    )
    return render(
        request,
        "letters/home.html",
        {
            "counts": selectors.archive_counts(stored),
            "councils": [c for c in selectors.councils_with_counts(stored) if c.letter_count],
            "themes": themes,
            "frameworks": selectors.frameworks_with_counts(stored),
            "theme_chart": chart,
        },
    )


def council_list(request):
    councils = selectors.councils_with_counts(selectors.stored_counts(data_version.state_for(request)[1]))
    shown, facet = compare.councils_by_judgement(list(councils), request.GET, request.path)
    return render(request, "letters/council_list.html", {"councils": shown, "judgement_facet": facet})


def _merged(model_redirect, field: str, slug: str):
    """The record a merged slug now points to, or 404."""
    redirect_row = model_redirect.objects.select_related(field).filter(old_slug=slug).first()
    if redirect_row is None:
        raise Http404("Not found")
    return getattr(redirect_row, field)


@cached_by_data_version
def council_detail(request, slug):
    authority = Authority.objects.filter(slug=slug).first()
    if authority is None:
        return redirect(_merged(AuthorityRedirect, "authority", slug), permanent=True)
    letters = selectors.letters_for_list(Inspection.objects.filter(authority=authority))
    page = page_of(letters, request.GET.get("page"), PAGE_SIZE)
    tables_current = data_version.state_for(request)[1]
    years, series = selectors.council_profile_by_year(authority, tables_current=tables_current)
    profile_chart = charts.stacked_columns(
        years,
        series,
        title=f"{authority.short_name}: findings by kind of section and year",
        description="Findings in the council's letters each year, by the kind of section they are in.",
        id_prefix="council-profile",
    )
    timeline = judgements.timelines([authority])[authority.pk]
    neighbours = judgements.neighbours_of(authority)
    with_neighbours = [authority.slug, *(row.slug for row in neighbours)][: compare.MAX_COUNCILS]
    return render(
        request,
        "letters/council_detail.html",
        {
            "timeline": timeline,
            "timeline_chart": timeline_chart.timeline_chart(
                timeline.overall,
                title=f"{authority.short_name}: overall effectiveness judgements over time",
                description="Each overall effectiveness grade on record, from reports and as letters state them.",
                id_prefix="council-timeline",
            ),
            "neighbours": neighbours,
            "neighbours_findings_url": compare.findings_url(with_neighbours) if neighbours else "",
            "neighbours_compare_url": compare.compare_url(with_neighbours) if neighbours else "",
            "authority": authority,
            "page": page,
            "theme_table": selectors.council_theme_table(
                selectors.council_findings_by_theme(authority, tables_current=tables_current)
            ),
            "profile_chart": profile_chart,
            "profile_years": years,
            "profile_series": series,
            "profile_per_letter": selectors.letters_and_findings_per_letter(
                years, series, page.object_list if page.paginator.num_pages == 1 else None
            ),
        },
    )


@cached_by_data_version
def letter_detail(request, council, key):
    inspection = selectors.letter_detail(council, key, curator=request.user.is_staff)
    if inspection is None:
        if Authority.objects.filter(slug=council).exists():
            raise Http404("No such letter")
        kept = _merged(AuthorityRedirect, "authority", council)
        return redirect("letters:letter", council=kept.slug, key=key, permanent=True)
    previous, following = selectors.neighbours(inspection)
    return render(
        request,
        "letters/letter_detail.html",
        {
            "letter": inspection,
            "sections": selectors.findings_by_section(inspection),
            "inspector_links": inspection.inspector_links.all(),
            "judgements": list(inspection.judgements.all()),
            "jtai_label": topic_label(inspection.jtai_topic),
            "previous": previous,
            "next": following,
        },
    )


def letter_original(request, council, key):
    original = selectors.original_file(council, key)
    if original is None:
        raise Http404("This letter was not read from a PDF")
    response = HttpResponse(bytes(original.content), content_type=original.media_type)
    response["Content-Disposition"] = f'inline; filename="{original.download_name}"'
    return response


def letter_raw(request, council, key):
    inspection = get_object_or_404(Inspection.objects.only("raw_text"), authority__slug=council, url_key=key)
    return HttpResponse(inspection.raw_text, content_type="text/plain; charset=utf-8")


def _paged_findings(request, queryset):
    findings = selectors.findings_for_letters(
        queryset.select_related("inspection__authority", "authority")
        .defer("inspection__raw_text", "inspection__cleaned_text")
        .order_by("-inspection__letter_date", "inspection_id", "position")
    )
    return Paginator(findings, PAGE_SIZE).get_page(request.GET.get("page"))


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    page = _paged_findings(request, Finding.objects.filter(theme_links__theme=theme))
    by_year = selectors.theme_by_year(theme)
    chart = charts.column_chart(
        [(str(row["year"]), row["share"]) for row in by_year],
        title=f"Share of letters with a finding on {theme.name.lower()}, by year",
        description="Per letter year, the percentage of that year's letters with at least one finding on this theme "
        "(the number of letters a year varies, so raw counts mislead).",
        unit="%",
    )
    context = {"theme": theme, "page": page, "by_year": by_year, "chart": chart}
    return render(request, "letters/theme_detail.html", context)


def inspector_detail(request, slug):
    inspector = Inspector.objects.filter(slug=slug).first()
    if inspector is None:
        return redirect(_merged(InspectorRedirect, "inspector", slug), permanent=True)
    letters = selectors.letters_for_list(Inspection.objects.filter(inspector_links__inspector=inspector))
    return render(request, "letters/inspector_detail.html", {"inspector": inspector, "letters": letters})


def framework_detail(request, slug):
    framework = get_object_or_404(Framework, slug=slug)
    letters = selectors.letters_for_list(Inspection.objects.filter(framework=framework))
    page = Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page"))
    by_year = selectors.findings_per_year(Inspection.objects.filter(framework=framework))
    chart = charts.column_chart(
        by_year, title=f"{framework.short_name} letters by year", description="Letters under this framework, by year."
    )
    context = {"framework": framework, "page": page, "by_year": by_year, "chart": chart}
    return render(request, "letters/framework_detail.html", context)


SEARCH_PAGES = {
    "findings": {
        "noun": "finding",
        "nouns": "findings",
        "search_url": "letters:findings",
        "export_url": "letters:findings-export",
        "feed_url": "letters:feed-findings-search",
        "api_url": "letters:api-findings",
    },
    "letters": {
        "noun": "letter",
        "nouns": "letters",
        "search_url": "letters:letters",
        "export_url": "letters:letters-export",
        "feed_url": "letters:feed-letters-search",
        "api_url": "letters:api-letters",
    },
}


def _search_page(request, run, template: str, kind: str):
    try:
        results = run(request.GET, request.path, data_version.state_for(request))
        error = ""
    except DatabaseError:
        # The query is passed to the database as data, but a backend may still refuse an odd one.
        results, error = None, "That search could not be run. Try fewer or plainer words."
    status = 400 if error or (results and results.errors) else 200
    context = {"results": results, "error": error, "data": request.GET, **SEARCH_PAGES[kind]}
    return render(request, template, context, status=status)


@cached_by_data_version
def findings_search(request):
    return _search_page(request, search_page.search_findings, "letters/findings_search.html", "findings")


@cached_by_data_version
def letters_search(request):
    return _search_page(request, search_page.search_letters, "letters/letters_search.html", "letters")


def _export(request, rows, columns, fmt: str, stem: str):
    base_url = request.build_absolute_uri("/").rstrip("/")
    if fmt == "csv":
        body, content_type = exports.as_csv(rows(base_url), columns), "text/csv; charset=utf-8"
    else:
        body, content_type = exports.as_json(rows(base_url)), "application/json"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def findings_export(request, fmt):
    queryset, ids = search_page.for_export(request.GET, "findings")
    return _export(request, partial(exports.finding_rows, queryset, ids=ids), exports.FINDING_COLUMNS, fmt, "findings")


def letters_export(request, fmt):
    queryset, ids = search_page.for_export(request.GET, "letters")
    return _export(
        request, lambda base: exports.letter_rows(queryset, base, ids), exports.LETTER_COLUMNS, fmt, "letters"
    )


def compare_councils(request):
    """Two to eleven councils side by side: judgement timelines and themes per letter."""
    chosen, error = compare.councils_from(request.GET.getlist("council"))
    if error:
        return render(request, "letters/compare.html", {"error": error}, status=400)
    return render(request, "letters/compare.html", compare.comparison(chosen))
