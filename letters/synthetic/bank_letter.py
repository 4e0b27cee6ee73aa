"""Letter-level phrases that are findings too: headline openers, leaders' responses, COVID-era remarks, and
the scope of visits (focused-visit arrangements, monitoring-visit areas), which are not findings.
"""

HEADLINE_POSITIVE = [
    "Senior leaders have an accurate understanding of the quality of {practice|social work practice} {for "
    "children in <place>|in <place>|across the service} and {have clear plans to address areas for "
    "improvement|are taking appropriate action to improve it}.",
    "{Most|The majority of} children {and families |}in <place> {receive|are receiving} support and "
    "services that are appropriate to their {level of |}need.",
    "The local authority has made {discernible|steady|considerable} progress in improving the quality of "
    "practice for children since the {last inspection|inspection in <prior>}.",
    "Children in <place> {benefit from|receive} {a timely and effective|an effective} response {when "
    "concerns are identified|to their needs}.",
    "{Leaders|Senior leaders} have {continued to strengthen|sustained} {the quality of practice|services "
    "for children} {since the last inspection|during a period of increased demand}{, and most children "
    "receive the right help at the right time|}.",
    "now: Vulnerable children in <place> are {cared about and well protected|well protected}{ from "
    "extra-familial risks|}.",
]

HEADLINE_NEGATIVE = [
    "{Although no children were found to be unsafe|While no children were found to be at immediate risk}, "
    "the quality of {practice|child protection work} is too {inconsistent|variable}.",
    "{Progress|The pace of progress} has been {slower than expected|too slow} {in some areas|since the last "
    "visit}{, and leaders recognise there is more to do|}.",
    "{Too many|Some} children {do not receive|wait too long for} the right help at the right time.",
    "{Since the last inspection|Since the last monitoring visit}, the quality of practice has "
    "{deteriorated|declined} in {some|key} areas{, against a backdrop of increased demand|}.",
    "Senior leaders acknowledge that the quality of social work practice has {deteriorated|declined} since "
    "the {last inspection|inspection in <prior>}.",
]

RESPONSE = [
    "{@response}.",
    "{Senior leaders|Leaders} are aware of the shortfalls in practice{, and they have a plan in place to "
    "address this|}.",
    "This has been recognised{ and an action plan for improvement is in place| by managers and is being addressed|}.",
    "{During this visit|In response to inspectors' feedback}, senior managers {took immediate action|made "
    "immediate changes} to {address this|strengthen practice}.",
]

COVID_REMARKS = [
    "{Despite the ongoing challenges of the COVID-19 pandemic|Throughout the pandemic}, the local authority "
    "and its partners have maintained a focus on delivering services to the most vulnerable children and "
    "families.",
    "{Social workers|Staff} have continued to {visit children face to face|see children in person} during "
    "the {pandemic|COVID-19 pandemic}{, and risk assessments inform decisions about visits|}.",
    "{Leaders|The local authority} responded {quickly|well} to the challenges of COVID-19 by {adjusting "
    "their improvement plans|adapting ways of working}{ and sought different ways to maintain oversight of "
    "children|}.",
]

SCOPE_ARRANGEMENTS = [
    "the 'front door'",
    "'front door' services, including decision-making for referrals about children, child protection "
    "enquiries and decisions to step up or down from early help",
    "children in need and children subject to a child protection plan",
    "care leavers",
    "care leavers aged 18 to 25",
    "children in care",
    "the protection of vulnerable children from extra-familial risk",
    "providing help and protection for vulnerable adolescents",
    "children who are the subject of child protection plans",
    "contacts and referrals",
    "children in need or subject to a protection plan",
    "placement decision-making for older children",
    "permanence planning for children in care",
    "children in need, including those children who are subject to a child protection plan",
    "the quality of decision-making for children entering care",
    "disabled children",
]

SCOPE_ALSO = [
    "They also considered the effectiveness of strategy discussions and section 47 enquiries.",
    "They also considered the quality of assessments and early plans.",
    "They also considered the response to children who go missing from home or care.",
    "They also considered the effectiveness of the designated officer arrangements.",
]

SCOPE_FOCUS_BULLETS = [
    "Preparation and support into adulthood.",
    "Keeping in touch.",
    "The local offer for care leavers.",
    "Step-up and step-down arrangements between children in need and child protection.",
    "Children subject to a letter before proceedings and the quality and impact of pre-proceedings interventions.",
    "Protection of disabled children.",
    "Children in need at risk of family breakdown.",
    "The quality of decisions about entering care.",
    "The response to children at risk of exploitation.",
    "Management oversight of contacts and referrals.",
]

MONITORING_AREAS = [
    "The effectiveness of the 'front door' arrangements.",
    "The application of thresholds and the quality of strategy meetings and child protection enquiries.",
    "The quality and impact of assessments, plans and planning for children in need of help and protection.",
    "Children in care and the quality of permanence planning.",
    "The response to children at risk of exploitation and children who go missing.",
    "The quality and impact of management oversight and supervision.",
    "The quality of services for care leavers.",
    "Children in need and children subject to child protection plans.",
    "Pre-proceedings work under the Public Law Outline.",
    "The progress made by leaders in improving the quality of social work practice.",
    "The quality of practice for children who are privately fostered.",
    "The effectiveness of the local authority's arrangements for children at risk of neglect.",
]
