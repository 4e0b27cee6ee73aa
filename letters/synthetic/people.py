"""People in letters: recipients and their roles, inspectors, the people copied in. All invented.

Names are drawn from common British given names and surnames, with a few of the shapes that trouble parsers:
hyphenated given names ("Jenny-ellen"), double-barrelled surnames, "Mc", "O'" and particles ("van de").
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

GIVEN_F = (
    "Alison Amanda Andrea Angela Anna Barbara Bernie Brenda Carly Caroline Catherine Charlotte Christine "
    "Claire Deborah Diane Elaine Emma Fiona Gail Hannah Helen Jackie Jane Janet Jennifer Jo Joanne Julie "
    "Karen Kate Kendra Linda Lisa Louise Lynn Maire Mandy Margaret Marie Michele Monique Nancy Natalie Nicki "
    "Niki Parveen Patti Paula Rachel Rebecca Ruth Sally Sarah Sharon Sophie Stephanie Susan Tara Tonwen "
    "Tracey Victoria Yvonne"
).split()
GIVEN_M = (
    "Adam Alan Andrew Andy Anthony Arthur Ben Brendan Brian Chris Colin Daniel David Gareth Garry Gary "
    "Graham Ian Jim John Jonathan Kevin Mark Martin Matthew Michael Neil Nick Nigel Paul Peter Philip Ralph "
    "Richard Rob Robert Roy Russel Simon Stephen Steve Stuart Tim Tom Tony"
).split()
GIVEN_ODD = ("Jenny-ellen", "Mary-Jane", "Jean-Paul", "Nhlanganiso", "Anne-Marie", "Sue-Ellen")
SURNAMES = (
    "Atherton Bell Bennison Breyer Browne Burke Clemo Coyle Dakin Dolton Edwards Empson Forbes Geere Giles "
    "Gravelle Griffiths Hackeson Henry Hocking Holden Horsefield Hussain Jeffrey Kay Kennet Knight Knowles "
    "Ledder Lindsay Lockwood Lowe Menghini Mills Nightingale Norry Nyathi Parkinson Penswick Quested Reed "
    "Robinson Roughton Shaw Sinclair Smale Smedmor Spencer Stacey Stephens Summers Turner Wales Walsh "
    "Warburton Warren Watson Waugh Whippey White Winterbottom Young Ahmed Patel Khan Begum Okafor Mensah "
    "Clarke Harris Wright Thompson Hughes Evans Davies Jones Williams Taylor Brown Wilson Johnson Green Hall "
    "Wood Lewis Scott"
).split()
SURNAMES_ODD = (
    "Thomson-Jones",
    "Trevelyan-Butler",
    "McLaughlin",
    "McEntee",
    "O'Neill",
    "van de Laarschot",
    "Smith-Ryan",
    "D'Souza",
    "McLoughlin",
    "Beckingham",
)


@dataclass(frozen=True)
class Person:
    given: str
    surname: str
    female: bool

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    @property
    def honorific(self) -> str:
        return "Ms" if self.female else "Mr"


def person(rng: Random) -> Person:
    female = rng.random() < 0.62
    roll = rng.random()
    if roll < 0.03:
        given = rng.choice(GIVEN_ODD)
    else:
        given = rng.choice(GIVEN_F if female else GIVEN_M)
    surname = rng.choice(SURNAMES_ODD) if rng.random() < 0.08 else rng.choice(SURNAMES)
    return Person(given, surname, female)


def distinct_people(rng: Random, count: int) -> list[Person]:
    people: list[Person] = []
    while len(people) < count:
        candidate = person(rng)
        if all(candidate.surname != p.surname for p in people):
            people.append(candidate)
    return people


ROLES_CRA = (
    "Director of Children's Services",
    "Director for Children and Young People",
    "Director of Children and Young People's Services",
    "Strategic Director, Children's Services",
    "Corporate Director, Children and Young People",
    "Acting Director of Adult and Children's Services",
    "Executive Director of Children's Services",
    "Interim Director of Children's Services",
)
ROLES_NOW = (
    "Director of Children's Services",
    "Interim Director of Children's Services",
    "Executive Director, Children, Young People and Culture",
    "Director for Children's Services and Skills",
    "Corporate Director, Children and Families",
    "Executive Director Children, Families and Education",
    "Strategic Director of People",
    "Director for Children and Families",
    "Executive Director of People",
    "Director of Children's Services and Education",
)


def role(rng: Random, era: str) -> str:
    return rng.choice(ROLES_CRA if era == "cra" else ROLES_NOW)


def dfe_contact(rng: Random, before_dfe: bool) -> str:
    department = "Department for Children, Schools and Families" if before_dfe else "Department for Education"
    return f"{rng.choice(('Andrew Spencer', 'Andrew Spencer', 'Jane Haywood', 'Tom Jeffery'))}, {department}"
