"""Shared alternatives (``{@name}``) used by the finding templates, and the per-letter variable names.

Per-letter variables (``<name>``) are filled in ``findings.py``: ``place`` (the council as the text names it),
``prior`` (a month and year before the visit), ``since`` (a recent month and year), ``num`` (a count).
"""

SLOTS: dict[str, tuple[str, ...]] = {
    "children": (
        "children",
        "children and young people",
        "children and their families",
        "children and families",
    ),
    "sw": ("social workers", "practitioners", "staff"),
    "mgrs": ("managers", "team managers", "senior managers", "leaders and managers"),
    "partners": ("partners", "partner agencies", "the police and health colleagues", "other agencies"),
    "timely": ("timely", "prompt"),
    "well": ("well", "effectively", "appropriately"),
    "analysis_good": (
        "provide a clear analysis of risk and need",
        "consider children's histories well",
        "identify children's needs and risks clearly",
        "are informed by the views of children and their families",
        "draw on information from partner agencies",
        "consider the impact of parental mental health and substance misuse",
    ),
    "pos_tail": (
        "",
        "",
        ", which ensures that children receive the right help at the right time",
        ". This means that children are safeguarded",
        ", and this is making a positive difference for children",
        ". As a result, risks to children are reduced",
    ),
    "neg_tail": (
        "",
        "",
        ", which leads to delay for some children",
        ". As a result, some children experience drift and delay",
        ". This means that some children remain in situations of risk for too long",
        ", and this limits the impact of the help that children receive",
    ),
    "some_children": (
        "some children",
        "a small number of children",
        "a minority of children",
        "a few children",
    ),
    "purpose": (
        ", so that children receive the right help at the right time",
        ", to ensure that plans progress without delay",
        ", so that risks to children are fully understood",
        ", including management oversight",
        ", so that it is consistently strong across all teams",
        ", to avoid drift and delay for children",
        ", so that leaders have an accurate understanding of practice",
        ", to ensure that children's needs are met",
        " for all children",
        ", so that practice is consistently good",
        ", to ensure that children are safeguarded",
    ),
    "opener_pos": ("In most cases, ", "Overall, ", "Typically, ", "In the large majority of cases, "),
    "opener_neg": ("In some cases, ", "For some children, ", "In a small number of cases, ", "At times, "),
    "response": (
        "Senior leaders are aware of this and are taking action to address it",
        "Leaders recognise this and have a plan in place to address it",
        "This has been recognised and is being addressed by the council",
        "Managers are aware of this shortfall and have introduced new guidance",
        "Leaders were responsive to this feedback during the visit",
        "The local authority has recognised this and has commissioned additional training",
    ),
}
