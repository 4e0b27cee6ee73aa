"""Finding templates for the front door: thresholds, MASH, strategy discussions, assessments, domestic abuse,
early help, out-of-hours services and timeliness.

Each topic has ``pos`` (strengths, satisfactory practice, the good half of a narrative paragraph), ``neg``
(areas for development or priority action, the weaker half) and ``imp`` (noun-phrase areas for improvement).
Templates tagged ``cra:`` use 2009–2012 vocabulary (initial and core assessments, CAF, LSCB); ``now:`` ones
use the ILACS-era vocabulary (MASH, front door, single assessments).
"""

TOPICS: dict[str, dict[str, list[str]]] = {
    "assessments": {
        "pos": [
            "{Assessments|Children's assessments|Most assessments|The large majority of assessments} are "
            "{timely|completed within timescales|completed in a timely way} and "
            "{@analysis_good}{@pos_tail}.",
            "{Stronger|Better} assessments are {thorough|detailed} and {are informed by a broad range of "
            "sources|consider family history well|capture the lived experience of children}, {leading "
            "to|which leads to} {plans that are well focused|the right support for children|appropriate "
            "next steps}.",
            "now: Child and family assessments {are comprehensive|are mostly of good quality} and "
            "{include|reflect} {the views of children and their parents|the impact of parental mental "
            "health, substance misuse and domestic abuse on children|the cumulative impact of neglect}.",
            "cra: Initial assessments {are completed within statutory timescales|are timely} and {most|the "
            "majority} {include|contain} {an appropriate level of analysis|a clear record of the child's "
            "views}.",
            "cra: Core assessments are {thorough|of a good standard} and {consider the needs of all "
            "children in the household|identify the strengths and risks within families}.",
            "{Social workers|Practitioners} {make good use of|draw well on} {chronologies|family "
            "histories|information from partners} {to inform their assessments|when assessing risk}{, which "
            "helps them to understand children's experiences|}.",
            "Assessments of children {living with domestic abuse|affected by domestic abuse|exposed to "
            "domestic violence} are {thorough|detailed} and {consider the risks posed by perpetrators|lead "
            "to appropriate safety planning}.",
            "Assessments are sufficiently clear in identifying needs, strengths and risks{. Most contain an "
            "adequate level of analysis which enables suitable services to be identified|}.",
        ],
        "neg": [
            "{The quality of assessments|Assessment quality|The quality of children's assessments} is "
            "{variable|too variable|inconsistent}{, and some lack sufficient analysis|, with some lacking "
            "analysis of risk|}.",
            "{Some|A minority of|Too many} assessments {lack sufficient analysis|do not fully consider "
            "children's histories|are overly descriptive}, {which means that|so} {the cumulative impact of "
            "neglect is not always understood|risks to children are not always clear|children's needs are "
            "not fully identified}.",
            "Weaker assessments {do not|fail to} {consider the impact of domestic abuse on children|explore "
            "the role of fathers and significant adults|capture the child's lived experience}{, and this "
            "limits the effectiveness of plans|}.",
            "cra: The proportion of {initial|core|both initial and core} assessments completed within "
            "{statutory |}timescales is {low|below that of statistical neighbours}{, and some children wait "
            "too long for a service|}.",
            "cra: {Some|A number of} initial assessments {lack sufficient analysis|are not completed within "
            "timescales} to ensure that the full range of children's needs are identified and met.",
            "now: {Assessments|Some assessments} {are not updated|are not revisited} when {circumstances "
            "change|new information is received}{, which means that plans are not based on a current "
            "understanding of risk|}.",
            "{In some cases|For some children}, {the views of children|children's wishes and feelings} are "
            "not {clearly recorded|sufficiently captured} in assessments.",
            "Assessments do not {adequately|always} describe children's lived experiences, and {a lack of "
            "depth and analysis|insufficient analysis} {in many assessments |}means {that |}risks {for|to} "
            "children are unclear.",
        ],
        "imp": [
            "The quality of assessments, {so that they|to ensure that they} {consistently consider "
            "children's histories|include a clear analysis of risk and need|capture the views and "
            "experiences of children}.",
            "The timeliness {and quality |}of assessments{ for children in need|, including assessments of "
            "disabled children|}.",
            "The analysis of {risk|risk and need} in assessments{, including the impact of domestic abuse "
            "and neglect on children|, particularly where there are concerns about neglect|}.",
        ],
    },
    "thresholds": {
        "pos": [
            "Thresholds are {well understood|understood and applied appropriately} {by partners|across the "
            "partnership|by staff and partner agencies}{, and contacts are responded to promptly|}.",
            "now: Decision-making {at the front door|in the MASH} is {timely|prompt|well informed} and "
            "{proportionate|child-focused}{, with a clear rationale recorded|}.",
            "now: Decisions {at the front door|in the MASH} are {timely|prompt} and "
            "{proportionate|appropriate to children's level of need}{, with a clear rationale recorded|, "
            "and the rationale is clearly recorded|}.",
            "Contacts and referrals {receive prompt attention|are responded to promptly}{ and are processed "
            "within 24 hours|}{. There is evidence of timely and appropriate management decision making|}.",
            "cra: Decisions on contacts and referrals are made in accordance with statutory timescales and "
            "{are processed within a 24 hour period|are appropriately recorded}.",
            "Consent is {appropriately obtained|sought from families} {in most cases|by referrers}{, and is "
            "rightly overridden when there are safeguarding concerns|}.",
            "Referrers {are|are routinely} {advised of|informed of} the outcome of their referrals{, which "
            "helps to build confidence across the partnership|}.",
            "Agreed inter-agency thresholds for service are appropriate {in relation to children in need|}{ "
            "and particularly for those with safeguarding needs|}.",
            "now: When contacts indicate that children may be at risk from domestic abuse, {decisions are "
            "made promptly|the response is swift} and {the right agencies are involved|partners share "
            "information quickly}.",
        ],
        "neg": [
            "Thresholds are not {consistently|always} {understood|applied} {by partner agencies|by schools "
            "and health colleagues|across the partnership}, {and too many contacts do not meet the "
            "threshold for statutory intervention|which leads to a high number of inappropriate referrals}.",
            "cra: There is no written multi-agency agreement on thresholds for access to services{, and the "
            "common assessment framework (CAF) is underused|}.",
            "cra: There is a lack of clarity {within the access team|among staff} as to when a contact "
            "becomes a referral, and {sometimes|occasionally} contacts are closed inappropriately.",
            "{Too many|Some} contacts {are|have been} {closed without sufficient information|stepped down "
            "without checks being completed|progressed without parental consent being sought}{, which means "
            "that risks are not fully understood|}.",
            "now: {Some|A small number of} children {wait too long|experience delay} for {decisions to be "
            "made|a decision to be made} {in the MASH|at the front door}{, which leaves them in situations "
            "of unassessed risk|}.",
            "Although there is good casework decision making on the majority of referrals, in a small "
            "number of re-referrals the full pattern of previous social care involvement is not always "
            "taken into account.",
            "{Contacts relating to domestic abuse|Domestic abuse notifications} are not "
            "{always|consistently} {screened|risk assessed} {promptly|in a timely way}{, and some children "
            "experience delay|}.",
        ],
        "imp": [
            "The {consistent |}application of thresholds {at the front door|in the MASH|by partner "
            "agencies}{, so that children receive the right help at the right time|}.",
            "now: Management oversight and {timely |}progression of {all |}contacts {in the multi-agency "
            "safeguarding hub (MASH)|at the front door}{, including children identified as having immediate "
            "need|}.",
            "The understanding of consent {by partner agencies|across the partnership} and the application "
            "of thresholds.",
        ],
    },
    "strategy": {
        "pos": [
            "Strategy {discussions|meetings} are {held promptly|timely}{ and well attended by partners|, "
            "with consistently strong attendance from partners|}{, ensuring that information is shared "
            "effectively|}.",
            "Child protection enquiries are {timely|thorough} and {effectively carried out|undertaken} by "
            "{suitably qualified and experienced social workers|experienced social workers}.",
            "Where child protection concerns are identified, strategy discussions are held appropriately "
            "with {other agencies|the police and health} and {most|all} {Section|section} 47 enquiries are "
            "{conducted|completed} in a timely manner.",
            "Strategy meetings {use|draw on} information including family history to {appropriately "
            "reflect|clearly identify} the risks to children{, and actions are clear and focused on "
            "immediate protection|}.",
            "Joint investigations with the police are {well coordinated|timely}{, which ensures that "
            "children are protected|}.",
            "Cases requiring child protection investigation are appropriately identified{ with action being "
            "timely and effective in responding to risks to children|}.",
            "Strategy discussions {for children experiencing domestic abuse|following domestic abuse "
            "incidents} {are timely|are held promptly} and {lead to clear protective actions|involve the "
            "right agencies}.",
        ],
        "neg": [
            "cra: Section 47 strategy discussions are not {consistently|always} held at the right time in "
            "the investigation{. This means some actions are taken independently of children's social "
            "care|}.",
            "The record of {child protection |}strategy discussions {with police |}does not "
            "{routinely|always} result in a shared record of agreed actions{ and respective "
            "responsibilities|}{, leaving a gap in effective communications|}.",
            "Strategy {discussions|meetings} {do not always include|are not always attended by} "
            "{health|education|relevant partners}{, which limits the information available to inform "
            "decisions|}.",
            "{The outcomes of|Actions from} strategy meetings are not {always explicit|clearly recorded}{, "
            "and it is not always clear who is responsible for completing them|}.",
            "{Some|In a small number of cases,} strategy meetings {are delayed|are not held promptly} when "
            "{new concerns arise|risks escalate}{, leaving children at risk of harm for too long|}.",
        ],
        "imp": [
            "The quality of strategy {discussions|meetings}{, including the attendance of partners and the "
            "recording of actions|, so that actions are clear and timely|}.",
            "The timeliness of strategy discussions {when new concerns emerge|for children at risk of "
            "significant harm}.",
        ],
    },
    "domestic_abuse": {
        "pos": [
            "{The response to|Work with} children {living with|affected by|experiencing} domestic abuse is "
            "{timely|strong|effective}{, with daily meetings between the police and children's social "
            "care|, and information from the police is shared promptly|}.",
            "cra: A new initiative with the police has improved multi-agency investigations of concerns "
            "about children in families experiencing domestic violence{. The daily meetings between the "
            "police and children's services have improved the ability to prioritise referrals|}.",
            "now: Daily {domestic abuse triage|multi-agency risk assessment} meetings {ensure that|mean "
            "that} {notifications of domestic abuse|police notifications} are {reviewed promptly|screened "
            "quickly}{ and risks to children are understood|}.",
            "{Specialist|Dedicated} domestic abuse {workers|practitioners} {provide|offer} "
            "{effective|valuable} support to {children and their parents|families}{, which helps to reduce "
            "risk|}.",
            "{Social workers|Practitioners} {understand|consider} the impact of domestic abuse on children "
            "{well|effectively}{ and undertake direct work to help children understand their experiences|}.",
            "now: {Perpetrators of domestic abuse|Fathers who pose a risk} are {increasingly |}{engaged "
            "in|challenged through} {assessments and plans|interventions}{, and this is helping to reduce "
            "risk|}.",
        ],
        "neg": [
            "cra: Notifications of domestic violence {to children's services|from the police} {involving "
            "children |}are not {consistently|always} timely{ to ensure a prompt response to safeguarding "
            "concerns|}.",
            "cra: The council's recording and monitoring systems do not effectively identify incidents of "
            "domestic violence{. This has been recognised and is being addressed by the council|}.",
            "Children who experience domestic abuse {within their family|at home} do not always receive a "
            "timely service{. For some children, there is delay by the police in reporting incidents|}.",
            "{A significant proportion|Many} of {the |}contacts {received |}are domestic abuse "
            "{notifications|incidents} {reported by police|from the police}{, and many lack sufficient "
            "detail to make a judgement of risk|}.",
            "The impact of domestic abuse on children is not {always fully|always "
            "sufficiently|consistently} {explored|analysed}{, particularly where there are repeat "
            "incidents|}.",
            "Risks arising from domestic abuse are not {always fully|always sufficiently|consistently} "
            "{explored|analysed}{ in assessments|}.",
            "now: {Safety plans|Plans} for children {living with|affected by} domestic abuse are not "
            "{always|consistently} specific {enough |}{about how risks will be reduced|about what needs to "
            "change}.",
            "{Checks and assessments|Assessments} have not been completed on {a considerable number of|a "
            "backlog of} domestic {violence|abuse} notifications{ following changes in how the police "
            "manage this work|}.",
            "now: {Repeat|Repeated} {incidents|notifications} of domestic abuse do not "
            "{always|consistently} lead to {a review of risk|a strategy discussion}{, and for some children "
            "the response is too slow|}.",
        ],
        "imp": [
            "The response to children {living with|affected by} domestic abuse, {including the timeliness "
            "of police notifications|so that risks are understood and reduced}.",
            "The quality of safety planning for children {exposed to|living with} domestic abuse.",
            "The analysis of children's experiences {and management challenge |}in assessments where "
            "children are exposed to neglect and repeat incidents of domestic abuse.",
        ],
    },
    "mash": {
        "pos": [
            "now: The multi-agency safeguarding hub (MASH) {provides|ensures} {a timely and effective|a "
            "prompt and proportionate} response to {children|contacts about children}{ at risk of harm|}.",
            "now: Partners in the MASH {share information|work together} {effectively|well}{, which ensures "
            "that decisions are informed by a range of agency checks|}.",
            "now: Co-location of {the police, health and education|partner agencies} in the MASH "
            "{supports|enables} {swift information-sharing|timely decision-making}.",
            "cra: The co-location of the police child abuse investigation unit with the {referral and "
            "assessment team|access team} {enables|supports} effective {information sharing|joint working}.",
            "cra: Arrangements for receiving and prioritising referrals are effective{ with considerable "
            "social work resource allocated to daily duty tasks|}.",
            "now: Since <since>, the local authority has operated a new {multi-agency safeguarding hub "
            "(MASH)|front door} model, with one access point for receiving and processing information.",
        ],
        "neg": [
            "now: {Partner agency checks|Multi-agency checks} in the MASH are not {always|consistently} "
            "{completed|undertaken} {in a timely way|before decisions are made}{, including checks with "
            "health and education|}.",
            "now: {Demand|High demand} in the MASH {has led to|is leading to} {delays|some delays} in "
            "{processing contacts|decision-making}{, and a backlog of contacts has developed|}.",
            "cra: The current arrangements for transferring telephone calls from the main switchboard to "
            "the access team do not facilitate a prompt response to the public or other professionals.",
            "Information from partners is not {always|consistently} {shared|received} {promptly|in good "
            "time}{, which delays decision-making|}.",
            "Police notifications are not {always|consistently} {shared|received} {promptly|in good time}.",
        ],
        "imp": [
            "now: The timeliness of {partner agency checks|multi-agency information-sharing} in the MASH.",
        ],
    },
    "early_help": {
        "pos": [
            "{A well-developed|An effective} early help offer {means that|ensures that} {children and "
            "families|families} {receive support|are supported} at the earliest opportunity{, which "
            "prevents needs from escalating|}.",
            "cra: There is good partnership working with {the children's centres|children's centres and "
            "schools}{, providing well-coordinated early intervention with families|}.",
            "now: Step-up and step-down arrangements between early help and children's social care are "
            "{effective|clear}{, ensuring continuity for children|}.",
            "now: Early help {assessments|plans} are {of good quality|comprehensive} and {families|parents} "
            "{value|speak positively about} the support they receive.",
        ],
        "neg": [
            "cra: The implementation of the common assessment framework (CAF) has been slow{. Managers "
            "recognise the need for further progress in the ownership and consistent contribution by all "
            "key statutory agencies|}.",
            "cra: The rate of referrals is rising and early preventative work is not sufficiently "
            "embedded{, thus increasing pressure on the access team|}.",
            "{When|Where} {cases are|children are} stepped down to early help, {initial actions|agreed "
            "actions} are not {routinely|always} progressed {quickly enough|in a timely way}.",
            "now: {Partners|Some partner agencies} are not {yet |}{confident|taking the lead} in "
            "{undertaking early help assessments|coordinating early help}{, and too many families are "
            "referred to children's social care|}.",
        ],
        "imp": [
            "The {consistency|effectiveness} of step-down arrangements to early help{, so that families "
            "receive timely support|}.",
        ],
    },
    "out_of_hours": {
        "pos": [
            "The out-of-hours {duty |}service is {effective|responsive}, {well resourced|well managed} and "
            "{well coordinated|communicates well} with daytime services.",
            "There is effective liaison with the emergency duty team, which acts appropriately to safeguard "
            "children {outside of normal working hours|out of hours}.",
            "now: A well-resourced emergency duty team (EDT) provides {timely|prompt} initial responses to "
            "concerns out of hours{, and handover to daytime services is effective|}.",
            "cra: Recent action has been taken to strengthen the management of the emergency duty service{ "
            "leading to more consistent practice|}.",
            "Out-of-hours arrangements for receiving referrals are sufficiently clear{ with effective links "
            "to, and communication with daytime services|}.",
        ],
        "neg": [
            "The quality of recording by emergency duty team workers {in children's records|of out-of-hours "
            "contacts} is {too variable|inconsistent}.",
            "{Workers in the emergency duty team|Out-of-hours workers} do not {always|routinely} visit "
            "children when {further action is being taken|concerns are received} out of hours{, which "
            "leaves children reliant on other professionals|}.",
            "Information from the out-of-hours service is not {always|consistently} {passed to|shared with} "
            "daytime teams {in good time|promptly}.",
        ],
        "imp": [
            "The quality of recording {and management oversight |}in the {emergency duty team|out-of-hours service}.",
        ],
    },
    "timeliness": {
        "pos": [
            "{The majority of|Most} assessments are undertaken in a timely manner{, and performance has improved|}.",
            "Children {are seen|are visited} {promptly|within timescales}{ following a referral|}{, and "
            "their immediate safety is assured|}.",
            "Performance indicators are {good|strong} in comparison {to|with} statistical neighbours{ and "
            "have shown a recent improvement|}.",
            "Appropriate casework and managerial decisions are made, in the majority of cases, within "
            "required timescales for children in need.",
        ],
        "neg": [
            "{Some|Too many} children {wait too long for assessments to be completed|experience delays "
            "before receiving a service}.",
            "The timeliness of {initial child protection conferences|review child protection conferences} "
            "{has declined|is poor}{, and some children wait too long for a plan|}.",
            "{Drift and delay|Delay} in {progressing plans|planning} {results in|leads to} some children "
            "{remaining in situations of risk|remaining in neglectful situations} for too long.",
        ],
        "imp": [
            "The timeliness of {initial child protection conferences|assessments|visits to children}.",
        ],
    },
}
