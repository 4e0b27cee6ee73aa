"""Finding templates for practice and the service around it: supervision, recording, partnerships, children's
views, disabled children, exploitation and missing children, workforce, quality assurance, leadership,
neglect, planning and care leavers. Same shape and tags as ``bank_front``.
"""

TOPICS: dict[str, dict[str, list[str]]] = {
    "supervision": {
        "pos": [
            "{Social workers|Staff|Practitioners} {report that they receive|receive} {supportive and "
            "regular supervision|regular and reflective supervision}{ with access to managerial advice when "
            "they need it|, and managers are accessible|}.",
            "Managers' decision-making is {clearly recorded|well evidenced} {on children's records|at key "
            "points}{, and the rationale for decisions is clear|}.",
            "Management oversight is {evident|clear} {on children's records|at key decision points}{ and "
            "provides clear direction|, with a clear rationale for decisions|}.",
            "Supervision of practitioners is regular, planned{, well established|} and {appropriate to "
            "levels of qualification and experience|reflective}.",
            "{Managers|Team managers} {are accessible|are visible and accessible} and {provide|offer} "
            "{clear direction|good support} to {staff|social workers}{, who value this highly|}.",
            "Staff are very positive about the accessibility and support of managers{. Workers consider "
            "that their suggestions for improvements are listened to|}.",
        ],
        "neg": [
            "{The quality of supervision|Supervision} {is variable|is not consistently reflective|does not "
            "always provide clear direction}{, and actions are not always followed up|, and it does not "
            "always drive plans forward|}.",
            "{Management oversight of decision-making|Information-sharing between teams} is not {always "
            "timely|consistently effective}{, and this leads to delay for some children|}.",
            "Management oversight is not {consistently strong|always evident|always effective} {enough to "
            "prevent drift and delay|in ensuring that plans progress|for all children}.",
            "cra: The frequency of formal supervision sessions is not always within the {monthly "
            "|}timescale set out in the council's policy{, although there has been some recent "
            "improvement|}.",
            "Supervision records {are brief|lack detail} and {do not|rarely} {show|evidence} "
            "{reflection|challenge|the impact of actions on children}.",
            "{Management direction is not always|Managers' directions are not always} {followed "
            "through|reviewed}{, which leads to drift for some children|}.",
        ],
        "imp": [
            "The quality of supervision{ so that it is| so that this is| to ensure that it is} {reflective, "
            "challenging and child-focused|focused on progressing children's plans}.",
            "Management oversight {of practice|and the supervision of staff}{, so that drift and delay are "
            "avoided for all children|, to ensure that plans progress in a timely way|}.",
        ],
    },
    "recording": {
        "pos": [
            "cra: Staff report that recording has been significantly improved through the council's "
            "investment in a new electronic system.",
            "{Case records|Most case records seen} are {up to date|up-to-date} and {include|contain} {clear "
            "evidence of management decision making|a clear rationale for decisions}.",
            "now: {The recording system|The electronic recording system} {supports|enables} {social "
            "workers|practitioners} to {access information quickly|record their work efficiently}.",
            "Case transfer arrangements are clear and effective in ensuring continuity of planning and "
            "service delivery for {children and young people|children}.",
        ],
        "neg": [
            "cra: The integrated children's system does not provide management information reports which "
            "support the business processes{, and managers are using inefficient manual systems|}.",
            "cra: The various local authority records systems are not linked{, and the social care database "
            "system is periodically inaccessible during the working day|}.",
            "{Recording|Case recording} is not {always|consistently} {up to date|timely}{, and this "
            "contributes to delays in the completion of assessments and plans|}.",
            "now: The recording system {makes it difficult|means it is difficult} for {workers and "
            "managers|practitioners} to {access completed tools|find key documents} on children's records{, "
            "including return home interviews|}.",
            "{Case summaries|Chronologies} are not {always|consistently} {completed|up to date}{, which "
            "makes it hard to see the current situation for the child|}.",
        ],
        "imp": [
            "The {accessibility|quality} of {records|documents on children's records}{, including "
            "chronologies and case summaries|}.",
        ],
    },
    "partnerships": {
        "pos": [
            "There is strong multi-agency working to protect children identified to be at risk of harm.",
            "Relationships with partners are {strong|positive}{, and agencies are clear about their "
            "safeguarding responsibilities|}.",
            "Partnership working is {strong|well established}{, and partners share information appropriately|}.",
            "cra: The Local Safeguarding Children Board provides effective support, training and "
            "coordination of safeguarding arrangements across the partnership.",
            "now: The safeguarding partnership {has a clear understanding of|understands} {the quality of "
            "practice|local priorities}{ and holds agencies to account|}.",
            "There are effective relationships between {the duty and assessment team|children's social "
            "care} and the {police|child abuse investigation team}, supporting the planning and conduct of "
            "child protection enquiries.",
            "{Schools|Health visitors and schools} {are|are increasingly} {confident|well supported} in "
            "{recognising|responding to} {signs of neglect|safeguarding concerns}{, and make appropriate "
            "referrals|}.",
        ],
        "neg": [
            "cra: The local safeguarding children board (LSCB) does not have a clear overview of "
            "performance regarding contact, referral and assessment activity.",
            "{Partners|Some partner agencies} {do not always attend|have not consistently attended|do not "
            "consistently contribute to} {child protection conferences|core group meetings|strategy "
            "meetings}{, which limits multi-agency planning|}.",
            "{The escalation of concerns between agencies|The process for resolving professional "
            "disagreements} is not {well used|used effectively}{, and disagreements are not resolved "
            "promptly|}.",
            "{The local authority has|Leaders have} not {yet |}been able to secure the full commitment of "
            "partner agencies{ to the new arrangements|}.",
        ],
        "imp": [
            "The {contribution|engagement} of partner agencies {to|in} {multi-agency planning|strategy "
            "meetings and child protection conferences}.",
        ],
    },
    "childrens_views": {
        "pos": [
            "Children and their families are involved in the assessment and planning process and their "
            "views are appropriately taken into account.",
            "{Social workers|Practitioners} {know children well|build trusting relationships with children} "
            "and {undertake|complete} {meaningful|creative} direct work{ to understand their wishes and "
            "feelings|}.",
            "cra: The children's disabilities team {have|has} expertise in discerning the views of children "
            "with communication difficulties{ which ensures an effective safeguarding response|}.",
            "Children {are seen|are seen alone} {regularly|promptly} and their views {inform|shape} {their "
            "plans|assessments}.",
            "Consideration of equality and diversity issues is well reflected in casework practice and planning.",
        ],
        "neg": [
            "While there is an action plan {arising from the previous inspection |}to improve the recording "
            "of children's views, {overall practice in this area remains variable|practice remains "
            "inconsistent}.",
            "The voice of the child is not {consistently|always} {recorded|captured|reflected} in "
            "{assessments and plans|children's records}.",
            "{Children's views|Children's wishes and feelings} are not {consistently|always} "
            "{recorded|captured|reflected} in {assessments and plans|their records}.",
            "Direct work with children is {limited|not consistently undertaken}{, and children's "
            "experiences are not always understood|}.",
        ],
        "imp": [
            "The {consistency|quality} of direct work with children{, so that their views inform plans|, to "
            "support social workers' understanding of children's views, wishes and feelings|}.",
            "The voice of children in {assessments and plans|assessments}.",
        ],
    },
    "disabled_children": {
        "pos": [
            "{The Disabled Children and Young People's Team|The children with disabilities team|The "
            "disabled children's team} {has robust arrangements for assessing need|undertakes holistic "
            "assessments of the needs of children and families}{, including for those children in need of "
            "protection|}.",
            "now: Disabled children {benefit from|receive} {timely|well-coordinated} support{, and their "
            "communication needs are well understood|}.",
            "{Practitioners|Social workers} {use|make good use of} {a range of communication "
            "methods|specialist communication tools} to {understand|ascertain} the views of disabled "
            "children.",
        ],
        "neg": [
            "Assessments of disabled children {do not|do not always} {consider|give sufficient weight to} "
            "{safeguarding risks|the needs of parents and carers|the child's communication needs}.",
            "now: {The response to|Protection of} disabled children {is not|is not always} {consistently "
            "strong|timely}{, and some children wait too long for assessments|}.",
        ],
        "imp": [
            "The {quality|timeliness} of assessments {and plans |}for disabled children.",
        ],
    },
    "exploitation": {
        "pos": [
            "now: {Children at risk of exploitation|Children who are at risk of exploitation} are "
            "{identified|recognised} {promptly|early} and {effective action is taken|action is taken "
            "swiftly} to reduce risk.",
            "now: {Multi-agency|The multi-agency child exploitation} meetings {take place regularly|are "
            "well attended} and ensure {systematic|effective} planning across agencies.",
            "Return home interviews are {offered|completed} {promptly|in a timely way} and {information "
            "from them is used|the information is used} to {inform plans|understand risks}.",
            "now: {Specialist exploitation workers|The exploitation team} {provide|give} {expert|skilled} "
            "{advice and support|support} to social workers{ and undertake direct work with children|}.",
            "now: Strategic oversight of children at risk of exploitation is well developed.",
        ],
        "neg": [
            "The response to children {going missing|who go missing} {is not fully embedded|is "
            "inconsistent}{, and not all children receive a return home interview|}.",
            "{In some cases,|Sometimes} there is a lack of professional curiosity when children go missing.",
            "now: {Risk assessments|Exploitation screening tools} are not {always|routinely} updated {to "
            "inform key decisions|when risks change}.",
            "now: Information from return home interviews is not {consistently|always} {used|analysed} to "
            "{inform safety plans|understand patterns of risk}.",
        ],
        "imp": [
            "now: The response to children who go missing{, including the timeliness and quality of return "
            "home interviews|}.",
            "now: The {identification|assessment} of {risk|risks} for children at risk of "
            "{exploitation|criminal and sexual exploitation}.",
        ],
    },
    "workforce": {
        "pos": [
            "Capacity in front line services has been strengthened {through the provision of|by} "
            "{substantial |}additional resources{, including the appointment of two senior practitioners|}.",
            "{Most social workers|Social workers} have manageable caseloads, which {enables|allows} {work "
            "to be allocated in a timely manner|them to spend time with children}.",
            "Good training and development opportunities are {promoted|offered}, easily accessible and {are "
            "|}well regarded by {social workers|staff}.",
            "{Senior leaders|Leaders} have been {tenacious|successful} in the recruitment and retention of "
            "staff{, reducing the number of agency staff|, and the workforce is more stable|}.",
            "now: Since <since>, <num> new social workers have been recruited to the service{, which has "
            "improved workforce stability|}.",
            "Morale is {generally |}high {amongst|among} the workforce{, with most referring to the "
            "accessibility of managers as a key factor|}.",
            "Newly qualified {social |}workers {speak highly of|value} the {mentoring|support} "
            "{provided|they receive}{ to support reflective practice|}.",
        ],
        "neg": [
            "Capacity and duty commitments contribute to increased pressures on experienced {social work "
            "practitioners|social workers}{ in the duty and assessment team|}.",
            "{Caseloads|Social workers' caseloads} are {too high|high} in {some teams|some locality "
            "teams}{, which limits the time social workers can spend with children|}.",
            "{Staff turnover|The turnover of social workers} {has resulted in some children "
            "experiencing|means that children experience} {several|frequent} changes of social worker{, "
            "which hinders the development of trusting relationships|}.",
            "Training provision {and support |}is insufficient{, in some key respects,|} with delays in the "
            "{full |}implementation of the support and development programme for newly qualified social "
            "workers.",
        ],
        "imp": [
            "Social worker caseloads{, matched to experience and capacity|, so that social workers have "
            "time to undertake meaningful work with children|}.",
            "The {stability|capacity} of the workforce{ in the assessment teams|}.",
        ],
    },
    "quality_assurance": {
        "pos": [
            "The {quality assurance framework|auditing of cases} {has been strengthened|is now more sharply "
            "focused}{, and provides managers with a clear understanding of practice|}.",
            "{Senior managers|Leaders} {undertake|complete} {regular case file audits|case file and "
            "supervision audits}{ as well as regular evaluation of performance data|}.",
            "Performance {information|data} is {used well|used effectively} to {identify|understand} {areas "
            "for improvement|pressures in the system}.",
            "cra: Learning from serious case reviews {disseminated to staff|shared with staff} {has led to "
            "improved practice|has improved practice}{, for example in the way pre-birth assessments are "
            "conducted|}.",
        ],
        "neg": [
            "{Audits|Case audits} {do not consistently|do not always} {identify|focus on} {the impact of "
            "practice on children|all practice issues}{, and learning is not always shared with workers|}.",
            "{The outcomes of audits|Audit findings} are not {consistently|routinely} shared with "
            "{workers|social workers}{ and therefore audits do not always lead to improvement|}.",
            "Performance reports {do not|do not yet} {show|reflect} the impact of services for children{ "
            "and families|}.",
        ],
        "imp": [
            "The {evaluation|effectiveness} of {quality assurance|audit activity}{, so that leaders "
            "understand the impact of practice on children|}.",
            "The evaluation of quality through audits.",
        ],
    },
    "leadership": {
        "pos": [
            "Senior {leaders|managers} have {an accurate understanding|a good understanding} of {the "
            "quality of practice|the service's strengths and areas for improvement}{ and have taken robust "
            "action|}.",
            "{Leaders|Senior leaders} have {prioritised|focused on} {improving|strengthening} {front-line "
            "practice|the quality of practice}{, supported by political and corporate leaders|}.",
            "The director of children's services has {prioritised|focused on} {improving|strengthening} the "
            "quality of {front-line practice|practice}.",
            "There is a positive commitment at all levels of management to {improve further|improve} the "
            "quality of work with children and families.",
            "now: {Political and corporate leaders|The council's political leaders} {have invested|have "
            "provided additional investment} in children's services{ to increase capacity|}.",
        ],
        "neg": [
            "{Leaders|Senior leaders} {have not ensured|have not yet ensured} that {guidance is always "
            "followed|practice standards are consistently met}.",
            "{The pace of improvement|Progress} {has been|is} {too slow|slow} in {some areas|key areas of "
            "practice}{, and leaders acknowledge there is more to do|}.",
            "Senior leaders {do not have|have not had} {a clear line of sight on|sufficient oversight of} "
            "{frontline practice|the quality of practice}{, and this has limited their ability to respond "
            "to weaknesses|}.",
        ],
        "imp": [
            "{Leaders' oversight|Strategic oversight} of {the quality of frontline practice|performance}.",
        ],
    },
    "neglect": {
        "pos": [
            "{Neglect|The impact of neglect} is {well understood|recognised early} {by practitioners|}{, "
            "and the graded care profile is used well|}.",
            "{Social workers|Practitioners} {use|make good use of} {tools|assessment tools} to "
            "{understand|measure} the impact of neglect on children.",
        ],
        "neg": [
            "For {a few|some} children, there has been delay in {addressing|responding to} neglect{. This "
            "stems from an over-optimistic view of parenting capacity|}.",
            "{The cumulative impact of|Chronic} neglect is not {always|consistently} "
            "{recognised|understood}{, leading to repeated referrals|}.",
            "Children {living with|experiencing} {long-term|chronic} neglect {remain|stay} on {child in "
            "need|child protection} plans for too long{ without sufficient progress|}.",
        ],
        "imp": [
            "The {response to|recognition of} {neglect|chronic neglect}{, including the use of tools to "
            "measure its impact on children|}.",
        ],
    },
    "planning": {
        "pos": [
            "{Child protection plans|Plans} are {specific|clear} and {focused on|address} {the risks "
            "identified in assessments|what needs to change}{, with clear contingencies|}.",
            "Core groups {meet regularly|are well attended} and {review progress effectively|monitor plans well}.",
            "now: {Children subject to pre-proceedings|Children in pre-proceedings} {benefit from|receive} "
            "{timely|purposeful} {work|intervention}{ and decisions about entering care are well made|}.",
        ],
        "neg": [
            "{Plans|Child in need plans|Child protection plans} are {not always|too often not} "
            "{specific|focused} enough{, and parents are unclear about what needs to change|}.",
            "cra: Child protection conference outcome reports lack specific, measurable, achievable, "
            "realistic and time-bounded (SMART) objectives{ and contingency plans|}.",
            "now: {Work in the pre-proceedings phase|Pre-proceedings work} {of the Public Law Outline |}{is "
            "not always|is not consistently} {timely|purposeful}{, which leads to drift for some "
            "children|}.",
            "Contingency planning is {weak|underdeveloped}{, and this contributes to drift for children|}.",
        ],
        "imp": [
            "The quality of {plans and planning|child protection plans}{, so that they are focused on "
            "children's experiences and include clear contingencies|}.",
            "now: {Decision-making|The timeliness of decision-making} in pre-proceedings{ of the Public Law Outline|}.",
        ],
    },
    "care_leavers": {
        "pos": [
            "now: Care leavers {benefit from|receive} {strong|effective} support from {personal "
            "advisers|their personal advisers}{ who know them well|}.",
            "now: {Most care leavers|Care leavers} live in {suitable|safe and suitable} accommodation{, and "
            "there is a good range of housing options|}.",
            "now: {The local offer|The local offer for care leavers} is {comprehensive|well publicised}{ "
            "and is reviewed with young people|}.",
        ],
        "neg": [
            "now: Pathway plans are not {always|sufficiently} {specific|updated}{, and young people do not "
            "always contribute to them|}.",
            "now: {Too few|Not enough} care leavers are in education, employment or training{, and the "
            "support to help them is underdeveloped|}.",
        ],
        "imp": [
            "now: The quality of pathway plans{ and the involvement of young people in them|}.",
            "now: The {sufficiency|range} of {suitable accommodation|housing options} for care leavers.",
        ],
    },
}
