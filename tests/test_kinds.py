"""What a question asks for, and whether a passage gives it (pure functions, both languages)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eval import kinds
from rag.kinds import (
    Asked,
    Kind,
    asking_clauses,
    asks_commencement,
    asks_fine,
    asks_sanction,
    delegates,
    has_span,
    is_quantity,
    question_kind,
    question_parts,
    states_commencement,
)
from rag.types import Lang


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many days of paid annual leave does an employee get?", Kind.DURATION),
        ("Within how many days must the authority decide?", Kind.DURATION),
        ("What is the time limit for applying for arbitration?", Kind.DURATION),
        ("劳动者享受几天带薪年休假？", Kind.DURATION),
        ("申请仲裁的期限是多久？", Kind.DURATION),
        ("What is the tax rate on wages?", Kind.NUMBER),
        ("How many members does the Legislative Council have?", Kind.NUMBER),
        ("What is the minimum age to vote?", Kind.NUMBER),
        ("个人所得税的税率是多少？", Kind.NUMBER),
        ("罚款的数额是多少？", Kind.NUMBER),
        ("Where is the international commercial court located?", Kind.PLACE),
        ("Where in Hong Kong is the garrison headquartered?", Kind.PLACE),
        # Legal English's conditional "where" asks for no place.
        ("Where the parties have not agreed a rate, what is the maximum commission?", Kind.NUMBER),
        ("Where a contract is void, what happens to the deposit?", Kind.OPEN),
        ("What is the ceiling on disability compensation?", Kind.NUMBER),
        ("Where in any proceedings the court is satisfied, what is the maximum fine?", Kind.NUMBER),
        ("If dismissed, where can the worker complain?", Kind.PLACE),
        ("Where in the city may an assembly be held, if at all?", Kind.PLACE),
        ("What does Cap. 57 say about dismissal?", Kind.OPEN),  # a Hong Kong ordinance
        ("国际商事法庭设在哪个城市？", Kind.PLACE),
        ("仲裁委员会设在何处？", Kind.PLACE),
        ("跨境破产案件应当如何处理？", Kind.OPEN),  # 如何处理 holds 何处, and asks how
        ("信托财产在哪些情形下可以被强制执行？", Kind.OPEN),  # 在哪些情形: in which cases
        ("在哪种情况下可以解除合同？", Kind.OPEN),
        ("对此类行为是否会给予任何处罚？", Kind.OPEN),  # 任何处罚 holds 何处 too
        ("为何处罚如此之重？", Kind.OPEN),
        ("When does the law take effect?", Kind.DATE),
        ("Between what hours may an assembly be held?", Kind.DATE),
        ("本法何时施行？", Kind.DATE),
        ("Who appoints the Chief Executive?", Kind.PERSON),
        ("Which authority approves a demonstration?", Kind.PERSON),
        ("行政长官由谁任命？", Kind.PERSON),
        ("Which countries take part in the Belt and Road?", Kind.LIST),
        ("哪些国家参与了该合作？", Kind.LIST),
        ("How often must employers arrange health examinations?", Kind.FREQUENCY),
        ("职工体检多久一次？", Kind.FREQUENCY),
        ("Within what distance of a railway station is a demonstration forbidden?", Kind.NUMBER),
        ("How far from a school must an internet café be?", Kind.NUMBER),
        # how far before a moment asks a time, as "how far in advance" does
        ("How far before my residence permit expires must I apply to extend it?", Kind.DURATION),
        ("How far prior to the hearing must the parties be notified?", Kind.DURATION),
        ("How far before an intersection must a driver signal a turn?", Kind.NUMBER),
        ("游行路线离机场要多远？", Kind.NUMBER),
        ("What is the region's corporate profits tax rate?", Kind.NUMBER),
        ("Which foreign countries have consulates in the city?", Kind.LIST),
        # kinds of bodies, not a list of names: "large enterprises, civil airports"
        ("Which kinds of organisations must set up a full-time fire brigade?", Kind.PERSON),
        ("What is the limitation period for a claim?", Kind.DURATION),
        ("责令改正的期限一般是多长？", Kind.DURATION),  # 期限 … 多长, words between
        ("期限届满后由谁负责？", Kind.PERSON),  # 期限 named, but who is asked
        ("在期限内应向几个部门申报？", Kind.NUMBER),  # how many departments, not how long
        ("Which level of people's court hears the case?", Kind.PERSON),
        ("应该去哪个地方的法院起诉？", Kind.PLACE),  # a court's place, not a court
        ("应该由哪个国家机关负责？", Kind.PERSON),  # a state organ, not a country
        ("哪一个国家的法院有管辖权？", Kind.PLACE),
        ("Which article deals with cross-border bankruptcy?", Kind.ARTICLE),
        ("跨境破产规定在哪一条？", Kind.ARTICLE),
        ("What does the opinion say about punitive damages?", Kind.OPEN),
        ("Can I return goods bought online without giving a reason?", Kind.OPEN),
        ("When may a court refuse to recognise a foreign judgment?", Kind.OPEN),
        ("意见对惩罚性赔偿是怎么规定的？", Kind.OPEN),
        # Only the asking sentences count: the context's "how much" / "deadline" asks nothing.
        (
            "My company never tells me how much was paid in. Aren't they supposed to tell me?",
            Kind.OPEN,
        ),
        ("The police never replied before the deadline. May we march?", Kind.OPEN),
        ("我上周被辞退了。我有几天时间申请仲裁？", Kind.DURATION),
        ("I was dismissed last week. How many days do I have to apply?", Kind.DURATION),
        ("What does Art. 5 say about how much the fee is?", Kind.NUMBER),
        ("The fee was paid. 期限是多久", Kind.DURATION),  # no question mark: the whole text
        ("我被罚了多少钱都不知道！这合法吗？", Kind.OPEN),
        ("我被罚了多少钱都不知道！ 这合法吗？", Kind.OPEN),
        ("I don't even know how much they took. 这合法吗？", Kind.OPEN),
        ("罚款多少我不清楚。Is this lawful?", Kind.OPEN),
        ("I'd like to know the time limit for appeal. Can it be extended?", Kind.DURATION),
        ("期限是多久？我上周被辞退了。可以申请仲裁吗？", Kind.DURATION),
        # A full stop after an abbreviation or an initial ends no sentence.
        ("How long does the P.R.C. Government have to reply?", Kind.DURATION),
        ("How far in advance must the price rise be announced?", Kind.DURATION),
        ("Within how many days must Mr. Wang appeal?", Kind.DURATION),
        ("How much must ABC Co. Ltd. pay as a fine?", Kind.NUMBER),
        # A request asks too.
        ("Please state the time limit for appeal. Can it be extended?", Kind.DURATION),
        ("请告诉我申请仲裁的期限是多长。能延长吗？", Kind.DURATION),
        ("我想知道罚款是多少。可以分期吗？", Kind.NUMBER),
        # "who" / "which" that ask, not a relative clause in a question of another kind
        ("What is the maximum fine for a driver who is drunk?", Kind.NUMBER),
        ("Can a person who was detained claim compensation?", Kind.OPEN),
        ("What is the minimum age at which a person bears criminal responsibility?", Kind.NUMBER),
        ("The seller refused. Who is liable?", Kind.PERSON),
        ("I want to know who pays the tax.", Kind.PERSON),
        ("Against whom can I claim?", Kind.PERSON),
        ("To which court should I apply?", Kind.PERSON),
        ("Which courts have first-instance jurisdiction over patent disputes?", Kind.PERSON),
        ("Can I sue? Who do I sue?", Kind.PERSON),
        ("In a divorce who gets the house?", Kind.PERSON),
        ("Does the law state who must pay the stamp duty?", Kind.PERSON),
        ("When a company dissolves, who is liable for its debts?", Kind.PERSON),
        ("In whose name should the property be registered?", Kind.PERSON),
        ("Can the party against whom the judgment was made appeal?", Kind.OPEN),
        ("What is the procedure by which courts review administrative decisions?", Kind.OPEN),
        ("In which circumstances can police officers search a home?", Kind.OPEN),
        # a time limit however it is worded
        ("How much notice must a landlord give?", Kind.DURATION),
        ("What is the longest a suspect can be held in residential surveillance?", Kind.DURATION),
        ("试用期最长为多长？", Kind.DURATION),
        ("应当在收到通知后几个工作日内提出质疑？", Kind.DURATION),
        ("游行路线离机场有多长的距离？", Kind.NUMBER),  # a distance, not a time
        ("游行路线离机场的距离有多长？", Kind.NUMBER),
        ("Within how many metres of a crossing is parking prohibited?", Kind.NUMBER),
        ("不满多少周岁的未成年人是无民事行为能力人？", Kind.NUMBER),  # an age, not weeks
        # how often, with words between
        ("用人单位应当多久向劳动者支付一次工资？", Kind.FREQUENCY),
        ("董事会每年至少要召开几次会议？", Kind.FREQUENCY),
        ("假释出狱以后，每个月要到社区矫正机构报到几次？", Kind.FREQUENCY),
        ("每年的带薪年休假可以分几次休？", Kind.NUMBER),
        ("每季度申报缴纳税款时可以延期几次？", Kind.NUMBER),
        # a date or a time of day
        ("年度汇算应当在每年什么时间办理？", Kind.DATE),
        ("个人信息保护法啥时候开始实施的？", Kind.DATE),
        ("法律上说的夜间是指从几点到几点？", Kind.DATE),
        ("营业网点每天必须从几点营业到几点？", Kind.DATE),
        ("超市开到几点？", Kind.DATE),
        ("申请时应当做到几点？", Kind.OPEN),  # how many points
        ("律师应当注意到几点问题？", Kind.OPEN),
        ("应当从几点方面考虑？", Kind.OPEN),
        ("汇算清缴最晚要在每年几月几号之前完成？", Kind.DATE),
        ("每年几月份申报？", Kind.DATE),
        ("合同期限几个月？", Kind.DURATION),
        ("What is the minimum compensation the seller must pay?", Kind.NUMBER),
        ("When did the Hong Kong national security law come into effect?", Kind.DATE),
        # named things a clause away from 哪些, or before a closing 有哪些
        ("中国加入了哪些保护知识产权的国际公约？", Kind.LIST),
        ("全国人民代表大会设有哪些专门委员会？", Kind.LIST),
        ("设立了知识产权法院的城市有哪些？", Kind.LIST),
        ("广播组织有哪些权利？", Kind.OPEN),
        ("哪些人不能担任公司的董事？", Kind.OPEN),
        ("工伤职工多久能拿到一次性伤残补助金？", Kind.DURATION),  # 一次性 is no "once"
        ("入职后多久发第一次工资？", Kind.DURATION),
        ("应当在收到通知后什么时间之内提出异议？", Kind.DURATION),
        ("是不是什么时间都能解除劳动合同？", Kind.OPEN),
        ("个税汇算每年几月申报？", Kind.DATE),
        ("劳动合同应当包括哪几点内容？", Kind.OPEN),  # points, not a time of day
        ("国务院第几号令公布的？", Kind.OPEN),
        ("哪些属于国家秘密？", Kind.OPEN),
        ("哪些是公司的机构？", Kind.OPEN),
        ("哪些类型的企业可以享受税收优惠？", Kind.OPEN),
        ("设有知识产权法院的城市有哪些？", Kind.LIST),
        ("公司的组织机构有哪些？", Kind.OPEN),  # organs, not names
        ("符合哪些条件的企业可以享受税收优惠？", Kind.OPEN),  # conditions
        ("最高人民法院的解释对竞业限制是怎么规定的？", Kind.OPEN),  # 最高 of a court's name
        ("离婚被驳回后多久可以再起诉一次？", Kind.DURATION),  # a wait, not how often
        ("签劳动合同要注意几点？", Kind.OPEN),
        ("这几家公司都拖欠工资，可以一起起诉吗？", Kind.OPEN),
        ("前几天被辞退了，可以要求赔偿吗？", Kind.OPEN),
        # a deadline missed or passed asks what follows, not how long
        ("What happens if I miss the deadline?", Kind.OPEN),
        ("What if the deadline has passed?", Kind.OPEN),
        ("What happens if I missed the filing deadline?", Kind.OPEN),
        ("What happens if the deadline passes?", Kind.OPEN),
        ("How many penalty points do I get if I miss the deadline to register?", Kind.NUMBER),
        ("Is there a deadline for the appeal?", Kind.DURATION),
        # a few recent years or months told, not asked
        ("总部隐瞒了近几年跟别的加盟商打官司的情况，我能不能解除合同？", Kind.OPEN),
        ("过去几个月公司都没发工资，我能辞职吗？", Kind.OPEN),
        ("我在公司干了好几年，能签无固定期限合同吗？", Kind.OPEN),
        ("劳动仲裁最好几天内申请？", Kind.DURATION),  # 最好, not 好几
        ("附近几家医院可以做伤残鉴定？", Kind.NUMBER),  # 附近, not 近几
        ("If my employer has gone bankrupt who pays my wages?", Kind.PERSON),
        ("Could you tell me who is liable?", Kind.PERSON),
        ("Which is the competent court?", Kind.PERSON),
        ("Under the Nationality Law, does a citizen who settles abroad lose it?", Kind.OPEN),
        ("In a divorce, who gets the house?", Kind.PERSON),
        ("Can the employee, who was dismissed last week, claim compensation?", Kind.OPEN),
        ("Does Art. 5 apply to employees who work part time?", Kind.OPEN),
        ("What is the price control regime?", Kind.OPEN),
        ("哪些部门负责食品安全监管？", Kind.LIST),
        ("意见提到要加强与哪些国际组织的合作？", Kind.LIST),
        ("哪些企业的职工可以参加企业年金？", Kind.OPEN),  # which employees, not which companies
        ("签合同时需要注意哪几个方面？", Kind.OPEN),
        ("年满几周岁可以结婚？", Kind.NUMBER),
        ("Within what scope may a company conduct business?", Kind.OPEN),
        ("What is the shortest procedure to recover a small debt?", Kind.OPEN),
        ("What is the longest-running dispute?", Kind.OPEN),
        ("How many times per year must the board meet?", Kind.FREQUENCY),
        # counts of copies, amounts by other names
        ("起诉状要交几份？", Kind.NUMBER),
        ("What is the monthly basic deduction for individual income tax?", Kind.NUMBER),
        ("What majority of creditors must approve the plan?", Kind.NUMBER),
        ("What counts as a majority shareholder?", Kind.OPEN),
        ("What are the conditions for claiming a deduction?", Kind.OPEN),
        ("What is the daily allowance paid to a witness who testifies?", Kind.NUMBER),
        ("What are the conditions for the subsidy paid?", Kind.OPEN),
        ("Does the minimum wage apply to interns?", Kind.OPEN),
        ("How big can the flat be for the lower deed tax rate?", Kind.NUMBER),
        # a purpose inside a rule, or a purpose word in a rule, is not the document's purpose
        ("For the purposes of the Individual Income Tax Law, who is a resident?", Kind.PERSON),
        ("What is the purpose of the deposit in an auction under the Auction Law?", Kind.OPEN),
        ("What is the purpose of Article 5 of the Law?", Kind.OPEN),
        ("What is the purpose of the penalty provisions?", Kind.OPEN),
        ("拍卖法中保证金的目的是什么？", Kind.OPEN),
        ("以营利为目的的行为是否违法？", Kind.OPEN),
        ("社会保险基金可以挪作其他用途吗？", Kind.OPEN),
        ("公司设立的目的是什么？", Kind.OPEN),
        ("违反规定的目的是什么？", Kind.OPEN),
        ("What is the law for drunk driving?", Kind.OPEN),
        ("Why did the court issue the decision?", Kind.OPEN),
        ("What's the purpose of the statute of limitations?", Kind.OPEN),
        ("What is the purpose of the arbitration agreement under the Arbitration Law?", Kind.OPEN),
        ("What are the regulations for foreigners?", Kind.OPEN),
        ("公司法为什么要设立监事会？", Kind.OPEN),
        ("为什么用人单位要制定规章制度？", Kind.OPEN),
        ("根据劳动合同法，公司这种做法的目的是什么？", Kind.OPEN),
        ("法院作出该决定的目的是什么？", Kind.OPEN),
        ("第三十九条这个规定的目的是什么？", Kind.OPEN),
        # a body with what it is in between, a discount, a surcharge, "is there a fixed rate"
        ("个人独资企业的登记机关具体是哪个政府部门？", Kind.PERSON),
        ("应该去哪家鉴定机构做鉴定？", Kind.PERSON),
        ("要报哪一级人民政府批准？", Kind.PERSON),
        ("军人家属参观博物馆，门票能打几折？", Kind.NUMBER),
        ("What daily late-payment surcharge does an employer owe?", Kind.NUMBER),
        ("Is there a fixed percentage of extra compensation for late wages?", Kind.NUMBER),
        ("Is there a maximum fine for this?", Kind.NUMBER),
        ("Is there a fee for legal aid?", Kind.OPEN),
        # a cap or ceiling is an amount, whatever stands before it
        ("Is there a legal cap on the fees a recruitment agency can charge?", Kind.NUMBER),
        ("Is there any ceiling on damages for delay?", Kind.NUMBER),
        ("Is there a cap-and-trade scheme for carbon emissions?", Kind.OPEN),
        # a word naming an amount asks for one only in a clause that asks
        ("补偿金额按什么标准计算？", Kind.NUMBER),
        ("收养人需要满足什么年龄？", Kind.NUMBER),
        ("罚款金额？", Kind.NUMBER),
        ("股东人数有没有限制？", Kind.NUMBER),
        ("合同上的金额大写和小写写得不一样，这份合同还有效吗？", Kind.OPEN),
        ("汇票金额大小写不一致是否有效？", Kind.OPEN),
        ("员工年龄不符合要求能否解除劳动合同？", Kind.OPEN),
        ("造成损失数额不大的，是否构成犯罪？", Kind.OPEN),
    ],
)
def test_question_kind(question: str, kind: Kind) -> None:
    assert question_kind(question) == kind


@pytest.mark.parametrize(
    ("kind", "lang", "stated", "not_stated"),
    [
        (
            Kind.DURATION,
            "en",
            "The authority shall decide within 30 days of receiving the application.",
            "The State practises a system of paid annual leave.",
        ),
        (
            Kind.DURATION,
            "zh",
            "劳动者连续工作一年以上的，享受带薪年休假。",
            "国家实行带薪年休假制度。",
        ),
        (
            Kind.FREQUENCY,
            "en",
            "Employers shall arrange a health examination for female workers once a year.",
            "Employers shall regularly arrange health examinations for female workers.",
        ),
        (
            Kind.FREQUENCY,
            "zh",
            "用人单位应当每两年组织女职工进行一次妇科检查。",
            "用人单位应当定期为女职工安排妇科疾病检查。",
        ),
        (
            Kind.FREQUENCY,
            "zh",
            "工资应当以货币形式按月支付给劳动者本人。",
            "工资应当以货币形式支付。",
        ),
        (Kind.FREQUENCY, "zh", "企业所得税分月或者分季预缴。", "企业所得税按照规定预缴。"),
        (
            Kind.FREQUENCY,
            "en",
            "The fee is charged per month.",
            "The fee is charged as prescribed.",
        ),
        (Kind.DURATION, "zh", "驾驶人应当立即停车，保护现场。", "驾驶人应当停车，保护现场。"),
        (Kind.DURATION, "en", "Wages are paid within a fortnight.", "Wages are paid as agreed."),
        (Kind.PLACE, "zh", "由被告住所地人民法院管辖。", "发生地震的，由人民法院管辖。"),
        (Kind.PLACE, "zh", "诉讼离婚，适用法院地法律。", "诉讼离婚，适用法律的规定。"),
        (Kind.PLACE, "zh", "适用当事人共同经常居所地法律。", "适用当事人协议选择的法律。"),
        (Kind.PLACE, "zh", "向迁入地登记机关申请变更登记。", "向登记机关申请变更登记。"),
        (
            Kind.PLACE,
            "en",
            "Divorce by litigation is governed by the law of the forum.",
            "Divorce by litigation is governed by the law the parties choose.",
        ),
        (Kind.FREQUENCY, "zh", "按日加收滞纳金。", "退休年龄按周岁计算。"),
        (
            Kind.PLACE,
            "en",
            "The court of the place where the contract is performed has jurisdiction.",
            "These rules apply in place of the old rules.",
        ),
        (
            Kind.NUMBER,
            "en",
            "The Legislative Council shall be composed of 60 members.",
            "The Legislative Council shall be constituted by election (see Article 5).",
        ),
        (Kind.NUMBER, "zh", "立法会由六十名议员组成。", "立法会由选举产生，依照第六十八条办理。"),
        (
            Kind.PLACE,
            "en",
            "The first international commercial court sits in Shenzhen.",
            "The construction of the international commercial court shall be strengthened.",
        ),
        (
            Kind.PLACE,
            "zh",
            "最高人民法院在深圳设立第一国际商事法庭。",
            "加强最高人民法院国际商事法庭建设。",
        ),
        (
            Kind.DATE,
            "en",
            "This Law shall come into force on 1 July 1997.",
            "This Law shall come into force as provided by the State.",
        ),
        (Kind.DATE, "zh", "本法自2018年10月26日起施行。", "本法的施行另行规定。"),
        (Kind.DATE, "zh", "每年农历九月初九为老年节。", "国家设立老年节。"),  # a lunar date
        (Kind.DATE, "zh", "农历八月十五为中秋节。", "国家设立中秋节。"),
        (Kind.DATE, "zh", "修理者应当自第6日起提供备用车。", "修理者应当提供备用车。"),
        (
            Kind.DATE,
            "en",
            "From the sixth day the repairer shall provide a spare car.",
            "The repairer shall provide a spare car.",
        ),
        (
            Kind.PERSON,
            "en",
            "The Chief Executive shall be appointed by the Central People's Government.",
            "Appointment shall follow the procedure in Annex I.",
        ),
        (Kind.PERSON, "zh", "行政长官由中央人民政府任命。", "任命依照附件一的程序进行。"),
        # a moment an event marks answers "from when"
        (
            Kind.DATE,
            "zh",
            "债权数额自收到人民法院通知时起不再增加。",
            "债权数额不再增加。",
        ),
        (
            Kind.DATE,
            "en",
            "The amount shall not increase from the time when the notice is received.",
            "The amount shall not increase.",
        ),
        (
            Kind.LIST,
            "en",
            "Cooperation covers Germany, France, Italy and Spain.",
            "Cooperation with other countries shall be deepened.",
        ),
        (
            Kind.LIST,
            "zh",
            "合作范围包括德国、法国、意大利和西班牙。",
            "深化与其他国家的合作。",
        ),
    ],
)
def test_a_detail_of_the_kind_is_found_only_where_stated(
    kind: Kind, lang: str, stated: str, not_stated: str
) -> None:
    assert Asked(kind).given_by(stated, lang)  # type: ignore[arg-type]
    assert not Asked(kind).given_by(not_stated, lang)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "lang", "stated", "not_stated"),
    [
        (
            "环境公益诉讼应由哪一级法院管辖？",
            "zh",
            "由中级人民法院管辖。",
            "社会组织可以向人民法院提起诉讼。",
        ),
        (
            "Which level of government approves the plan?",
            "en",
            "The plan is approved by the people's government at or above the county level.",
            "The plan is approved by the people's government.",
        ),
    ],
)
def test_which_level_is_answered_by_a_level_not_by_any_court(
    question: str, lang: Lang, stated: str, not_stated: str
) -> None:
    asked = Asked.of(question)
    assert (asked.kind, asked.units) == (Kind.PERSON, frozenset({"level"}))
    assert asked.given_by(stated, lang)
    assert not asked.given_by(not_stated, lang)
    assert Asked.of("哪个部门负责？").units == frozenset()


@pytest.mark.parametrize(
    ("question", "lang", "stated", "not_stated", "body_named_otherwise"),
    [
        (
            "对职业病诊断结果不服，去哪里申请鉴定？",
            "zh",
            "当事人可以向卫生行政部门申请鉴定。",
            "当事人可以申请鉴定。",
            "职业病诊断鉴定办法由国务院卫生行政部门制定。",
        ),
        (
            "Where can I complain about the seller?",
            "en",
            "The consumer may complain to the market regulation department.",
            "The consumer may complain within 15 days.",
            "The seller has no authority to change the contract.",
        ),
    ],
)
def test_where_to_apply_or_complain_is_answered_by_the_body_applied_to_as_by_a_place(
    question: str, lang: Lang, stated: str, not_stated: str, body_named_otherwise: str
) -> None:
    asked = Asked.of(question)
    assert (asked.kind, asked.units) == (Kind.PLACE, frozenset({"body"}))
    assert asked.given_by(stated, lang)
    assert not asked.given_by(not_stated, lang)
    assert not asked.given_by(body_named_otherwise, lang)


def test_only_where_to_apply_complain_or_register_is_answered_by_a_body() -> None:
    assert not Asked.of("仲裁委员会设在哪里？").given_by("仲裁委员会由人民政府组织设立。", "zh")
    # where a law applies, where to file a suit: places, not bodies
    for question in ("Where does this Law apply?", "Where should I file a lawsuit for divorce?"):
        assert Asked.of(question).units == frozenset(), question
    for question in (
        "在哪里可以申请劳动仲裁？",
        "哪里可以投诉？",
        "到什么地方去投诉？",
        "向什么地方申报纳税？",
        "Where must the application be filed?",
        "Where can the union turn to force payment?",
        "Where might a victim seek compensation?",
    ):
        assert Asked.of(question).units == frozenset({"body"}), question
    for question in (
        "户口应当迁到什么地方？",
        "Where may a vehicle make a turn to the left?",  # a turn, not someone turning to a body
        "Where is a U-turn to change direction allowed?",
    ):
        assert Asked.of(question).units == frozenset(), question
    # a question naming the body asks its place: the body alone is no answer
    place = Asked.of("应该向哪个地方的登记机关申请变更住所？")
    assert place.units == frozenset()
    assert not place.given_by("公司变更住所的，应当向登记机关申请变更登记。", "zh")
    assert place.given_by("应当向迁入地登记机关申请变更登记。", "zh")


def test_a_level_is_of_a_court_or_government_not_any_word_for_a_rank() -> None:
    zh, en = Asked.of("应由哪一级法院管辖？"), Asked.of("Which level of court hears it?")
    for text in (
        "各级人民政府应当加强管理。",
        "高级管理人员应当忠实履行职务。",
        "基层群众性自治组织",
    ):
        assert not zh.given_by(text, "zh")
    for text in (
        "中级以上的人民法院设立赔偿委员会。",
        "可以向上一级人民法院申诉。",
        # a level named with the department of its government
        "经营企业应当向所在地设区的市级负责药品监督管理的部门提出申请。",
        "报省级药品监督管理部门备案。",
    ):
        assert zh.given_by(text, "zh")
    for text in (
        "各级人民政府有关部门应当加强监督管理。",
        # a grade of an enterprise or a site, the body after 由 another's
        "省级重点龙头企业由农业农村部门认定。",
        "市级文物保护单位由文物部门负责管理。",
    ):
        assert not zh.given_by(text, "zh")
    for text in ("The basic principles apply.", "A fine higher than the gain is imposed."):
        assert not en.given_by(text, "en")


def test_a_body_is_asked_only_before_a_verb_or_a_time() -> None:
    assert question_kind("在哪个期限内向法院起诉？") != Kind.PERSON
    assert question_kind("应当在哪个阶段向法院提出异议？") != Kind.PERSON


def test_an_event_marks_a_moment_but_promptly_is_no_date() -> None:
    asked = Asked.of("从什么时候起不再增加？")
    assert asked.given_by("债权数额自收到人民法院通知时起不再增加。", "zh")
    assert not asked.given_by("被害人自知道后应当及时起诉。", "zh")
    asked = Asked.of("拒不改正的，按日连续处罚从什么时候开始算？")
    assert asked.given_by("可以自作出责令改正之日的次日起，按照原处罚数额按日连续处罚。", "zh")
    assert not asked.given_by("拒不改正的，可以按照原处罚数额按日连续处罚。", "zh")
    asked = Asked.of("From what date are the daily fines counted?")
    assert asked.given_by("The fine is imposed daily from the day following the order.", "en")
    # the day of an event is a date: the market price as of the day the decision is announced
    asked = Asked.of("按哪一天的市场价格计算补偿？")
    assert asked.given_by("补偿不得低于房屋征收决定公告之日被征收房屋类似房地产的市场价格。", "zh")
    assert not asked.given_by("补偿不得低于被征收房屋类似房地产的市场价格。", "zh")
    asked = Asked.of("As of which date is the market price taken?")
    assert asked.given_by(
        "It may not be lower than the market price on the date of the announcement.", "en"
    )
    assert not asked.given_by("It may not be lower than the market price.", "en")
    assert not asked.given_by("The licence states the holder's name and date of birth.", "en")
    assert not asked.given_by("The fine may be imposed daily until it is corrected.", "en")


def test_open_and_article_questions_need_no_span() -> None:
    assert has_span(Kind.OPEN, "任何文字", "zh")
    assert has_span(Kind.ARTICLE, "Any text.", "en")


def test_references_are_not_amounts_and_dates_are_not_durations() -> None:
    assert not has_span(Kind.NUMBER, "依照本法第十二条、第十三条的规定办理。", "zh")
    assert not has_span(Kind.NUMBER, "See Article 12 and item (3) of Fa Fa No. 37.", "en")
    assert not has_span(Kind.DURATION, "本法自2018年10月26日起施行。", "zh")
    assert not has_span(Kind.NUMBER, "依照前款第(二)、(三)、(四)项规定提取的，注销账户。", "zh")
    assert not has_span(Kind.NUMBER, "有前款第二、三项行为的，没收违法所得。", "zh")


@pytest.mark.parametrize(
    "question",
    [
        "What daily late-payment surcharge is added when an employer pays contributions late?",
        "公司欠缴社会保险费，滞纳金是多少？",
        "房租要超过家庭工资收入的百分之多少才能提取住房公积金？",
    ],
)
def test_a_surcharge_or_a_percentage_is_answered_by_a_rate(question: str) -> None:
    asked = Asked.of(question)
    assert "percent" in asked.units
    assert asked.given_by("自欠缴之日起，按日加收万分之五的滞纳金。", "zh")
    assert not asked.given_by("单位应当于每月发放工资之日起5日内缴存。", "zh")


def test_a_rate_named_by_its_term_is_no_time_limit() -> None:
    assert not has_span(Kind.DURATION, "以一年期贷款市场报价利率四倍为限。", "zh")
    assert not has_span(Kind.DURATION, "Four times the one-year loan prime rate.", "en")
    assert has_span(Kind.DURATION, "出借人应当在一年内主张。", "zh")
    assert has_span(Kind.DURATION, "The lender shall claim within one year.", "en")
    # nor when the question names the units it asks in
    within = Asked.of("逾期后我最晚要在多长时间内投诉？")
    rate = "约定利率不得低于合同订立时1年期贷款市场报价利率。"
    assert within.units and not within.given_by(rate, "zh")
    assert within.given_by("受理投诉部门应当自收到投诉之日起10个工作日内作出处理。", "zh")
    days = Asked.of("Within how many years must the lender claim?")
    assert days.units and not days.given_by("Interest at the one-year loan prime rate.", "en")


def test_a_tax_or_accounting_year_counted_is_a_time_limit_in_years() -> None:
    zh = Asked.of("超过抵免限额的部分，可以在以后几年里继续抵？")
    assert zh.units == frozenset({"year"})
    assert zh.given_by("超过抵免限额的部分，可以在以后五个年度内抵补。", "zh")
    assert zh.given_by("亏损可以在以后三个纳税年度内弥补。", "zh")
    assert not zh.given_by("企业应当在2020年度的报告中说明。", "zh")
    # a year named, not counted
    assert not zh.given_by("征信机构应当报告上一年度开展征信业务的情况。", "zh")
    assert not zh.given_by("应当于每一年度结束后报送。", "zh")
    assert zh.given_by("自上一年度终了之日起三年内申请。", "zh")
    # 以上 and 以下 before a count name no year
    longest = Asked.of("拘役的缓刑考验期限最长几年？")
    assert longest.given_by("缓刑考验期限为原判刑期以上一年以下，但是不能少于二个月。", "zh")
    assert has_span(Kind.DURATION, "处六个月以上一年以下有期徒刑。", "zh")
    en = Asked.of("For how many years can the excess credit be carried forward?")
    assert en.given_by("The excess may be carried forward over the next five tax years.", "en")
    assert has_span(Kind.DURATION, "within three consecutive fiscal years", "en")
    assert not has_span(Kind.DURATION, "the tax year in which the income arises", "en")


def test_a_lump_sum_is_no_count() -> None:
    amount = Asked.of("一次性特别抚恤金发多少？")
    assert not amount.given_by("军队可以按照有关规定发给其遗属一次性特别抚恤金。", "zh")
    assert amount.given_by("一次性支付二十个月工资。", "zh")
    assert has_span(Kind.NUMBER, "不合格的，可以补考一次。", "zh")
    assert not has_span(
        Kind.NUMBER, "按照国家规定发给一次性退役金。", "zh", frozenset({"occasions"})
    )
    assert has_span(Kind.NUMBER, "与幼女发生一次性行为的", "zh", frozenset({"occasions"}))


def test_a_share_answers_a_number_in_any_unit_but_never_a_time_limit() -> None:
    months = Asked.of("For how many months will my driver's license be suspended?")
    assert months.units == frozenset({"month"})
    assert months.given_by("暂扣六个月机动车驾驶证", "zh")
    assert not months.given_by("载人超过核定人数百分之二十以上的", "zh")
    assert not months.given_by("a surcharge of 20% is added", "en")
    money = frozenset({"money"})
    assert has_span(Kind.NUMBER, "处以违法所得百分之二十的罚款", "zh", money)
    assert has_span(Kind.NUMBER, "a fine of 20% of the price", "en", money)
    # a share of a term is asked as a share
    share = Asked.of("What share of the term may the extension be?")
    assert share.kind == Kind.DURATION and "percent" in share.units
    assert share.given_by("延长期限不得超过原期限的百分之三十", "zh")


def test_a_distance_is_answered_by_a_length_not_by_a_time_limit() -> None:
    asked = Asked.of("Within what distance of a railway station is a demonstration forbidden?")
    assert asked.units == frozenset({"distance"})
    assert asked.given_by("No demonstration shall be held within 10-300 metres of them.", "en")
    assert not asked.given_by("The application shall be decided within 10 days.", "en")
    asked = Asked.of("游行路线离机场要多远？")
    assert asked.given_by("在下列场所周边距离十米至三百米内，不得举行示威。", "zh")
    assert not asked.given_by("主管机关应当在十日内作出决定。", "zh")


def test_an_area_is_answered_by_an_area_not_by_any_number() -> None:
    asked = Asked.of("店面不到多少平方米就可以不办食品经营许可证？")
    assert (asked.kind, asked.units) == (Kind.NUMBER, frozenset({"area"}))
    assert asked.given_by("营业面积在五十平方米以下的，可以简化办理。", "zh")
    assert not asked.given_by("自处罚决定作出之日起五年内不得申请许可，并处五万元罚款。", "zh")
    asked = Asked.of("宅基地最多能批几亩？")
    assert (asked.kind, asked.units) == (Kind.NUMBER, frozenset({"area", "maximum"}))
    # an area the question names is not what it asks: the fine is
    asked = Asked.of("违法占地面积较大的，罚款是多少？")
    assert asked.units == frozenset({"money", "times", "percent"})
    assert not asked.given_by("非法占用耕地五亩以上的，责令退还。", "zh")
    asked = Asked.of("How many square metres may a shop have and still be exempt from the licence?")
    assert asked.units == frozenset({"area"})
    assert asked.given_by("A shop of less than 50 square metres is exempt.", "en")
    assert not asked.given_by("The licence is valid for five years.", "en")


@pytest.mark.parametrize(
    ("question", "units", "stating", "not_stating"),
    [
        (
            "What is the speed limit for a probationary driver on an expressway?",
            {"speed"},
            ("高速公路限速标志标明的最高时速不得超过一百二十公里。", "zh"),
            ("应当由持相应或者包含其准驾车型驾驶证三年以上的驾驶人陪同。", "zh"),
        ),
        (
            "快递电动三轮车限速多少？",
            {"speed"},
            ("The speed shall not exceed 15 kilometres per hour.", "en"),
            ("超过规定时速百分之五十的，处二百元以上二千元以下罚款。", "zh"),
        ),
        (
            "What is the maximum weight of a parcel?",
            {"weight", "maximum"},
            ("单件重量不超过十千克的包裹", "zh"),
            ("包裹应当在三日内投递。", "zh"),
        ),
        (
            "夜间噪声最高不能超过多少分贝？",
            {"sound", "maximum"},
            ("Night-time noise shall not exceed 55 dB.", "en"),
            ("夜间施工的，应当提前三日公告。", "zh"),
        ),
        (
            "What is the maximum blood pressure a person can have and still get a licence?",
            {"blood pressure", "maximum"},
            ("收缩压不超过140毫米汞柱。", "zh"),
            ("年龄在25周岁以上、不超过60周岁", "zh"),
        ),
        (
            "摩托车最多能装多重的东西？",
            {"weight"},
            ("摩托车载物不得超过五十千克。", "zh"),
            ("摩托车后座不得乘坐未满12周岁的未成年人。", "zh"),
        ),
        (
            "婴儿奶粉最多能带几公斤入境？",
            {"weight", "maximum"},
            ("每人限带二公斤。", "zh"),
            ("每次限值为800元人民币。", "zh"),
        ),
        (
            "普通货车总质量多少以下不用办许可证？",
            {"weight"},
            ("总质量4500千克及以下的普通货运车辆", "zh"),
            ("年龄不超过60周岁", "zh"),
        ),
        (
            "How loud can a construction site be at night?",
            {"sound"},
            ("夜间施工噪声不得超过55分贝。", "zh"),
            ("夜间是指晚上十点至次日早晨六点之间的期间。", "zh"),
        ),
        (
            "气温多少度以上要停止露天作业？",
            {"temperature"},
            ("日最高气温达到40℃以上，应当停止当日室外露天作业。", "zh"),
            ("连续作业时间不得超过6小时。", "zh"),
        ),
        (
            "排量多少毫升以下的摩托车免征车船税？",
            {"volume"},
            ("排气量150毫升以下的摩托车", "zh"),
            ("车辆购置税的税率为百分之十。", "zh"),
        ),
        (
            "一辆限速60公里的校车，每半年检验几次？",
            {"occasions"},
            ("校车应当每半年进行一次机动车安全技术检验。", "zh"),
            ("在其他道路上行驶的最高时速不得超过60公里。", "zh"),
        ),
    ],
)
def test_a_physical_measure_is_answered_in_its_own_units_not_by_any_number(
    question: str,
    units: set[str],
    stating: tuple[str, Lang],
    not_stating: tuple[str, Lang],
) -> None:
    asked = Asked.of(question)
    assert (asked.kind, asked.units) == (Kind.NUMBER, frozenset(units))
    assert asked.given_by(*stating)
    assert not asked.given_by(*not_stating)


def test_a_measure_named_beside_what_is_asked_does_not_narrow_it() -> None:
    # the fine or the points for speeding: a speed limit does not give them
    for question, units in (
        ("超过规定时速百分之五十的，罚款多少？", {"money", "times", "percent"}),
        ("What is the fine for exceeding the speed limit?", {"money", "times", "percent"}),
        ("How many points for exceeding the speed limit?", {"point"}),
        ("My drone weighs 200 grams. How much is the registration fee?", {"money", "fee"}),
        ("What is the postage for a letter weighing under 20 grams?", {"money", "fee"}),
    ):
        asked = Asked.of(question)
        assert (asked.kind, asked.units) == (Kind.NUMBER, frozenset(units))
        limits = "最高车速不得超过每小时一百二十公里，单件重量不超过五千克。"
        assert not asked.given_by(limits, "zh")
    # words of a measure in another sense
    for question in (
        "存在多重劳动关系时，可以同时在几家单位缴纳工伤保险？",
        "法院为了加快速度，多少案件适用简易程序？",
        "How much weight does the court give to electronic evidence?",
    ):
        assert Asked.of(question).units == frozenset()


@pytest.mark.parametrize(
    ("question", "text", "lang", "gives"),
    [
        # the length of a speed, not a distance a share could give
        ("限速多少公里？", "超过规定时速百分之五十的，处罚款。", "zh", False),
        ("限速多少公里？", "最高时速不得超过一百二十公里。", "zh", True),
        # 多大 asks a weight where one is named, an age where none is
        ("货车最大载重量多大？", "最大载重量不得超过30吨。", "zh", True),
        ("申请人年龄多大才可以申请？", "年满十八周岁。", "zh", True),
        # kilowatt-hours are no temperature
        ("居民用电每月多少度以内按第一档电价？", "月用电量在180千瓦时以内的。", "zh", True),
        # how soon a thing is done is a time limit, how fast a thing moves a speed
        ("How fast must the court decide?", "The court shall decide within 15 days.", "en", True),
        ("公路客车最快能开多快？", "公路客车不得超过核定的载客人数。", "zh", False),
        ("How much weight may a truck carry?", "The fee is 20 yuan.", "en", False),
        ("How many tonnes may a truck carry?", "no more than 30 tonnes", "en", True),
        ("楼间距至少几米？", "每年至少召开两次会议。", "zh", False),
        ("How much compensation is paid for displacement?", "a sum of 200,000 yuan", "en", True),
    ],
)
def test_a_measure_is_read_where_it_is_asked_and_only_there(
    question: str, text: str, lang: Lang, gives: bool
) -> None:
    assert Asked.of(question).given_by(text, lang) is gives


def test_a_measure_is_read_written_against_its_number_and_a_share_still_answers_an_area() -> None:
    for question, text, lang in (
        ("收缩压最高多少可以申请驾驶证？", "收缩压不超过140mmHg。", "zh"),
        ("包裹最多能有多重？", "单件重量不超过10kg。", "zh"),
        ("限速多少？", "最高时速120km/h。", "zh"),
        ("What is the maximum noise level at night?", "Noise shall not exceed 55dB.", "en"),
        ("How fast can I drive on an expressway?", "not more than 120 km per hour", "en"),
    ):
        assert Asked.of(question).given_by(text, lang)
    assert not Asked.of("What is the maximum weight of a parcel?").given_by(
        "a fine of not more than 500 pounds", "en"
    )
    assert Asked.of("永久基本农田面积要占耕地多少？").given_by(
        "永久基本农田一般应当占本行政区域内耕地的百分之八十以上。", "zh"
    )


def test_a_fine_is_answered_by_an_amount_or_by_a_multiple_or_share_of_another() -> None:
    for question in (
        "What fine can the labour authority impose for an under-reported payroll?",
        "瞒报工资总额的，罚款是多少？",
        "发现工厂用童工，劳动保障部门按每人每月罚多少钱？",
    ):
        asked = Asked.of(question)
        assert asked.units == frozenset({"money", "times", "percent"})
        assert asked.given_by("并处瞒报工资数额1倍以上3倍以下的罚款。", "zh")
        assert asked.given_by("处上一年年收入百分之四十的罚款。", "zh")
        assert asked.given_by("处一万元以上五万元以下的罚款。", "zh")
        assert not asked.given_by("由劳动保障行政部门责令改正，可以处以罚款。", "zh")
    # an amount that is no fine is not a multiple of another
    assert Asked.of("How much is the bid deposit?").units == frozenset({"money"})


def test_a_question_asking_in_two_sentences_or_clauses_has_a_part_for_each() -> None:
    assert question_parts("I was hurt at work. Who pays? How long can I be off?") == [
        ("I was hurt at work. Who pays?", "I was hurt at work. Who pays?"),
        (
            "I was hurt at work. How long can I be off?",
            "I was hurt at work. Who pays? How long can I be off?",
        ),
    ]
    # a sentence asking two things, clause after clause: each clause asked as it would be alone,
    # about what the clauses before it name, not what those after it ask
    assert question_parts(
        "My order was granted. How long does it stay in effect, and can it be extended?"
    ) == [
        (
            "My order was granted. How long does it stay in effect?",
            "My order was granted. How long does it stay in effect?",
        ),
        (
            "My order was granted. Can it be extended?",
            "My order was granted. How long does it stay in effect? Can it be extended?",
        ),
    ]
    assert [asked for asked, _ in question_parts("保护令有效期多长，能否延长？")] == [
        "保护令有效期多长?",
        "能否延长?",
    ]
    for asked_once in (
        "What are the rights and duties of a trustee?",
        "How long does the order last?",
        # a clause that does not ask on its own: a relative clause, a condition
        "What is the fine for a company that pollutes and does not report it?",
        "Can an employee who is injured and has no contract claim compensation?",
        "If I am injured, and can't work, who pays?",
        "如果公司拖欠工资，是否可以申请仲裁？",
        "用人单位拖欠工资多长时间的，能否解除合同？",
    ):
        assert question_parts(asked_once) == [], asked_once


def test_a_fraction_asked_in_chinese_is_a_share() -> None:
    asked = Asked.of("上市公司的独立董事至少要占董事会成员的几分之一？")
    assert (asked.kind, asked.units) == (Kind.NUMBER, frozenset({"percent", "minimum"}))
    assert asked.given_by("职工代表的比例不得低于三分之一。", "zh")
    assert not asked.given_by("董事会成员中应当有公司职工代表。", "zh")


@pytest.mark.parametrize(
    ("question", "lang", "asked_bound", "bound", "other_bound", "exact", "range_"),
    [
        (
            "债权人委员会最少要有几个成员？",
            "zh",
            "minimum",
            "成员不得少于三人。",
            "成员不得超过九人。",
            "债权人委员会由七人组成。",
            "成员为三人以上九人以下。",
        ),
        (
            "临时管制最长可以持续多久？",
            "zh",
            "maximum",
            "实施期限不超过二年。",
            "实施期限不少于二年。",
            "实施期限为二年。",
            "处十日以上十五日以下拘留。",
        ),
        (
            "How many members must the committee have at least?",
            "en",
            "minimum",
            "The committee shall have no fewer than three members.",
            "The committee shall have up to nine members.",
            "The committee has seven members.",
            "The committee has at least three and up to nine members.",
        ),
        (
            "What is the maximum term of a temporary control?",
            "en",
            "maximum",
            "The term shall not exceed two years.",
            "The term shall be at least two years.",
            "The term is two years.",
            "The term is at least one year and not more than two years.",
        ),
    ],
)
def test_a_bound_asked_is_answered_by_that_bound_an_exact_number_or_a_range_not_the_other(
    question: str,
    lang: Lang,
    asked_bound: str,
    bound: str,
    other_bound: str,
    exact: str,
    range_: str,
) -> None:
    asked = Asked.of(question)
    assert asked.units & {"minimum", "maximum"} == {asked_bound}
    for stated in (bound, exact, range_):
        assert asked.given_by(stated, lang), stated
    assert not asked.given_by(other_bound, lang)
    # asked both ways, or neither, any bound answers
    for both in (
        "成员最少几人，最多几人？",
        "债权人委员会有几个成员？",
        "法院判赔的上下限是多少？",
    ):
        assert Asked.of(both).given_by("成员不得超过九人。", "zh")


def test_the_asking_clauses_leave_out_what_happened_and_the_conditions_before_them() -> None:
    assert asking_clauses("一家银行出了信用危机被监管部门接管了，这个接管最长能持续多久？") == (
        "这个接管最长能持续多久?"
    )
    assert asking_clauses("造成三人死亡的，应当在多少小时内报告？") == "应当在多少小时内报告?"
    # no clause asks alone: the asking sentence; English: its asking sentences whole
    assert asking_clauses("工资多少？") == "工资多少?"
    english = "When a trust terminates, within how many days must the trustee report?"
    assert asking_clauses(f"My trust ended. {english}") == english


def test_a_bound_is_asked_only_by_the_clause_that_asks_how_much_and_not_by_a_name() -> None:
    for question, lang, stated in (
        ("造成至少三人死亡的，应当在多少小时内报告？", "zh", "应当在二十四小时以内报告。"),
        (
            "If at least three people are injured, within how many hours must it be reported?",
            "en",
            "It shall be reported within no more than 24 hours.",
        ),
        ("公司发的工资低于最低工资标准，多少天内要补发？", "zh", "应当在十五日以内补发。"),
        # one clause asks a minimum, the other an amount with no bound
        (
            "What's the minimum capital ratio, and how much can a bank lend to one borrower?",
            "zh",
            "对同一借款人的贷款余额与资本余额的比例不得超过百分之十。",
        ),
    ):
        asked = Asked.of(question)
        assert not asked.units & {"minimum", "maximum"}, question
        assert asked.given_by(stated, lang)
    # a maximum stated with "not … more than", a share or an amount with a decimal point
    longest = Asked.of("What is the maximum probation period?")
    assert longest.given_by("The probation period shall not be more than six months.", "en")
    assert longest.given_by("No one may be detained for more than 15 days.", "en")
    assert not Asked.of("最少要交多少比例？").given_by("费率不超过0.5%。", "zh")
    assert not Asked.of("最多罚多少钱？").given_by("罚款不低于1.5万元。", "zh")


@pytest.mark.parametrize(
    ("kind", "found_at_end"),
    [
        (Kind.PLACE, "地点设在北京。"),
        (Kind.PERSON, "由张伟签字。"),
        (Kind.LIST, "包括德国、法国。"),
    ],
)
def test_a_long_passage_is_searched_to_its_end_and_answered_alike_when_asked_again(
    kind: Kind, found_at_end: str
) -> None:
    filler = "应当依照规定办理有关手续。" * 400  # 5,200 characters: kept by a digest, not by text
    assert not has_span(kind, filler, "zh")
    assert has_span(kind, filler + found_at_end, "zh")
    assert has_span(kind, filler + found_at_end, "zh")  # remembered
    assert not has_span(kind, filler, "zh")


@pytest.mark.parametrize(
    "question",
    [
        "What is the purpose of the Labour Contract Law?",
        "Why was the Arbitration Law enacted?",
        "What does the Product Quality Law aim to achieve?",
        "what's the auction law for?",
        "What is the Law on the Protection of the Rights and Interests of the Elderly meant to do?",
        "Why did the NPC pass the Lawyers Law?",
        "For what purpose were these guiding opinions formulated?",
        "《劳动合同法》的立法目的是什么？",
        "制定仲裁法是为了什么？",
        "这部法律的宗旨是什么",
        "产品质量法设立的初衷是什么？",
        "反不正当竞争法是出于什么考虑制定的？",
        "拍卖法是干什么的？",
        "What purpose does the Company Law serve?",
        "What is the Company Law's purpose?",
        "个人信息保护法旨在保护什么？",
        "《反垄断法》的目的是什么",
        "妇女权益保障法为什么要制定？",
        "劳动合同法是为解决什么问题而制定的？",
        "《人民检察院民事诉讼监督规则（试行）》为何制定？",
        "刑法修正案（九）出台的目的是什么？",
        "What does the Company Law seek to do?",
    ],
)
def test_a_question_on_what_a_document_is_for_asks_for_its_purpose(question: str) -> None:
    assert question_kind(question) == Kind.PURPOSE


@pytest.mark.parametrize(
    ("lang", "stated", "not_stated"),
    [
        ("zh", "为了保护劳动者的合法权益，根据宪法，制定本法。", "劳动者有权依法参加和组织工会。"),
        (
            "zh",
            "为深入贯彻落实有关部署，结合工作实际，制定如下指导意见。",
            "为了加强管理，用人单位应当建立制度。",
        ),
        (
            "zh",
            "全国人民代表大会特制定香港特别行政区基本法，规定实行的制度，以保障方针政策的实施。",
            "基本法的解释权属于全国人民代表大会常务委员会。",
        ),
        (
            "en",
            "This Law is formulated in order to protect the rights of workers.",
            "Workers may join trade unions.",
        ),
        (
            "en",
            "These Regulations are formulated to regulate port pilotage services.",
            "An application shall be made to the court.",
        ),
        (
            "en",
            "With a view to implementing the strategy, these Opinions are formulated.",
            "He went there to buy food made in China.",
        ),
    ],
)
def test_a_statement_of_purpose_is_found_where_a_document_states_it(
    lang: str, stated: str, not_stated: str
) -> None:
    assert has_span(Kind.PURPOSE, stated, lang)  # type: ignore[arg-type]
    assert not has_span(Kind.PURPOSE, not_stated, lang)  # type: ignore[arg-type]


def test_an_items_own_number_is_no_amount() -> None:
    assert not has_span(Kind.NUMBER, "（四）有符合国务院司法行政部门规定数额的资产。", "zh")
    assert not has_span(
        Kind.NUMBER, "(4) having assets of the amount the department prescribes.", "en"
    )
    assert not has_span(Kind.NUMBER, "依照本条第一款第（四）项的规定办理。", "zh")
    assert has_span(Kind.NUMBER, "（四）注册资本不少于十万元。", "zh")
    assert has_span(Kind.NUMBER, "(4) a fine of not more than 500 yuan.", "en")


@pytest.mark.parametrize(
    ("question", "stated", "not_stated"),
    [
        (
            "What blood alcohol concentration counts as drunk driving?",
            "血液中的酒精含量大于或者等于80mg/100ml的，属于醉酒驾驶。",
            "饮酒后驾驶机动车的，处十日以下拘留，并处一千元以上二千元以下罚款。",
        ),
        (
            "What is the minimum capital required to set up the company?",
            "有限责任公司注册资本的最低限额为人民币三万元。",
            "有限合伙企业至少应当有一个普通合伙人。",
        ),
        (
            "设立律师事务所需要多少注册资金？",
            "应当有三十万元以上人民币的资产。",
            "（四）有符合规定数额的资产。",
        ),
    ],
)
def test_an_amount_of_what_was_asked_answers_it(
    question: str, stated: str, not_stated: str
) -> None:
    asked = Asked.of(question)
    assert asked.given_by(stated, "zh")
    assert not asked.given_by(not_stated, "zh")


@pytest.mark.parametrize(
    ("lang", "text", "states"),
    [
        (
            "zh",
            "为了正确审理婚姻家庭纠纷案件，根据有关法律，对适用婚姻法的有关问题作出如下解释：",
            True,
        ),
        ("zh", "当事人认为行政行为侵犯其合法权益的，可以提出下列请求。", False),
        ("zh", "仲裁庭为查明事实，可以作出以下决定。", False),
        ("en", "These Regulations are formulated pursuant to the Labor Contract Law.", False),
        ("en", "This Law is formulated according to the Constitution.", False),
        ("en", "For the purposes of this Law, a contract is made when the parties agree.", False),
    ],
)
def test_what_is_and_is_not_a_statement_of_purpose(lang: str, text: str, states: bool) -> None:
    assert has_span(Kind.PURPOSE, text, lang) is states  # type: ignore[arg-type]


def test_a_money_word_asks_for_money_only_when_it_is_what_is_asked() -> None:
    assert Asked.of("设立律师事务所需要多少注册资金？").units == frozenset({"money"})
    assert Asked.of("增加注册资本需要多少表决权通过？").units == frozenset()
    assert Asked.of("How much is the bid deposit?").units == frozenset({"money"})
    # a share answers an amount in English as in Chinese
    assert Asked.of("How much is the bid deposit?").given_by(
        "The bid deposit shall not exceed two percent of the estimated price.", "en"
    )
    assert question_kind("How far back can I claim unpaid overtime?") == Kind.DURATION
    assert question_kind("What is the statute of limitations for fraud?") == Kind.DURATION


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What is the per-transaction tax-free limit for such goods?", Kind.NUMBER),
        ("What is the carrier's limit of liability per passenger?", Kind.NUMBER),
        ("Is there an upper limit on the fine?", Kind.NUMBER),
        ("What are the upper and lower limits of the fine for this offence?", Kind.NUMBER),
        ("What are the limits on foreign investment here?", Kind.OPEN),
        ("What is the limit of justifiable self-defence?", Kind.OPEN),
        ("What is the scope and limit of the agent's authority?", Kind.OPEN),
        ("What rights can the landlord limit under the lease?", Kind.OPEN),
        ("What was the reason for the limit?", Kind.OPEN),
    ],
)
def test_a_limit_is_a_number_and_limits_on_something_are_rules(question: str, kind: Kind) -> None:
    assert question_kind(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # the condition says when the question applies, the main clause what it asks
        (
            "If a company misses the deadline to pay a fine, how much extra is added each day?",
            Kind.NUMBER,
        ),
        ("If I miss the deadline, can I still appeal?", Kind.OPEN),
        ("If the fine is not paid by the deadline, to whom is the late fee paid?", Kind.PERSON),
        ("But if the deadline has passed, can I still appeal?", Kind.OPEN),
        ("Under the Labour Law, if the employer misses the deadline, can I resign?", Kind.OPEN),
        (
            "If the maximum fine is 50,000 yuan, can the agency also confiscate the goods?",
            Kind.OPEN,
        ),
        ("我想问一下，如果超过仲裁时效，还能仲裁吗？", Kind.OPEN),
        ("如果公司拖欠工资，而且超过了仲裁时效，我还能起诉吗？", Kind.OPEN),
        ("当诉讼时效届满时，债务人还要还钱吗？", Kind.OPEN),
        ("在超过时效的情况下，法院会驳回起诉吗？", Kind.OPEN),
        ("若逾期未申报，滞纳金按每日万分之几计算？", Kind.NUMBER),
        # a condition that itself asks is what is asked
        ("If the fine exceeds what amount, must a hearing be held?", Kind.NUMBER),
        ("After how many days of absence, can an employer dismiss a worker?", Kind.DURATION),
        ("如果罚款超过多少元，当事人有权要求听证？", Kind.NUMBER),
        # "when" and "where" asking, not opening a condition
        ("When did the revised law, which added a chapter, take effect?", Kind.DATE),
        ("Where exactly should I file the lawsuit, and what documents do I need?", Kind.PLACE),
        ("Where else can I complain, and is there a fee?", Kind.PLACE),
        ("Where in the city may an assembly be held, if at all?", Kind.PLACE),
        # a sentence that is only a condition keeps it
        ("If the deadline is extended?", Kind.DURATION),
    ],
)
def test_a_condition_opening_the_question_is_not_what_it_asks(question: str, kind: Kind) -> None:
    assert question_kind(question) == kind


def test_the_kind_report_counts_each_error_by_its_cost(tmp_path: Path) -> None:
    questions = tmp_path / "kinds.jsonl"
    lines = [
        {"id": "k1", "question": "申请仲裁的期限是多久？", "kind": "duration"},
        {"id": "k2", "question": "Is a verbal contract valid?", "kind": "number"},
        {"id": "k3", "question": "Who appoints the Chief Executive?", "kind": "open"},
        {"id": "k4", "question": "本法何时施行？", "kind": "duration"},
    ]
    questions.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    result = CliRunner().invoke(kinds.app, [str(questions), "--errors"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{questions}: 1/4 read right (0.250); 1 specific read as open, "
        "1 open read as specific, 1 specific read as another",
        "  k2  number read as open: Is a verbal contract valid?",
        "  k3  open read as person: Who appoints the Chief Executive?",
        "  k4  duration read as date: 本法何时施行？",
    ]


def test_the_kind_report_reads_a_sentence_against_the_units_its_question_asks(
    tmp_path: Path,
) -> None:
    pairs = tmp_path / "measures.jsonl"
    lines = [
        {
            "id": "p1",
            "question": "限速多少？",
            "lang": "zh",
            "text": "时速不得超过六十公里。",
            "gives": True,
        },
        {
            "id": "p2",
            "question": "限速多少？",
            "lang": "zh",
            "text": "驾龄三年以上。",
            "gives": True,
        },
        {
            "id": "p3",
            "question": "How heavy may a parcel be?",
            "lang": "en",
            "text": "The fee is 20 yuan.",
            "gives": False,
        },
    ]
    pairs.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    result = CliRunner().invoke(kinds.app, [str(pairs), "--errors"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{pairs}: 2/3 read right (0.667); 1 details missed, 0 seen where there is none",
        "  p2  True read as False: 驾龄三年以上。",
    ]


def test_the_kind_report_names_the_line_it_cannot_read_and_reads_the_other_files(
    tmp_path: Path,
) -> None:
    questions = tmp_path / "kinds.jsonl"
    questions.write_text('{"id": "k1", "question": "本法何时施行？", "kind": "when"}\n', "utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "k2", "question": "本法何时施行？", "kind": "date"}\n', "utf-8")
    result = CliRunner().invoke(kinds.app, [str(questions), str(good)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {questions} line 1: 'when' is not a valid Kind\n"
    assert (
        result.stdout == f"{good}: 1/1 read right (1.000); 0 specific read as open, "
        "0 open read as specific, 0 specific read as another\n"
    )


def test_a_name_the_question_gives_is_not_its_answer() -> None:
    consulates = Asked.of("Which foreign countries currently have consulates in Hong Kong?")
    assert consulates.kind == Kind.LIST
    assert not consulates.given_by(
        "已同中华人民共和国建立正式外交关系的国家在香港设立的领事机构，可予保留。", "zh"
    )
    assert consulates.given_by("美国、法国和日本在香港设有领事馆。", "zh")
    garrison = Asked.of("Where in Hong Kong is the garrison headquartered?")
    assert not garrison.given_by("The garrison is headquartered in Hong Kong.", "en")
    assert garrison.given_by("The garrison is headquartered in Central, Hong Kong.", "en")
    courts = Asked.of("Which cities in China have intellectual property courts?")
    assert courts.given_by("Such courts sit in Beijing, Shanghai and Guangzhou.", "en")
    assert not courts.given_by("Such courts sit in the People's Republic of China.", "en")


def test_a_name_is_given_whole_and_a_jurisdiction_wherever_the_question_names_it() -> None:
    regulators = Asked.of("哪些机构负责监管中国的证券市场？")
    assert regulators.given_by("中国证券监督管理委员会和中国人民银行负责监管。", "zh")
    extradition = Asked.of("哪些国家与我国签订了引渡条约？")
    assert not extradition.given_by("中华人民共和国与外国签订引渡条约，由外交部负责。", "zh")
    assert extradition.given_by("我国已与法国、西班牙、葡萄牙等国签订引渡条约。", "zh")
    here = Asked.of("I live in Hong Kong. Which countries have consulates here?")
    assert not here.given_by("已同中华人民共和国建交的国家在香港设立的领事机构，可予保留。", "zh")


def test_a_time_limit_in_words_answers_but_does_not_rank() -> None:
    asked = Asked.of("How long must the police wait?")
    assert asked.given_by("The police shall immediately disperse them.", "en")
    assert not asked.given_by("The police shall immediately disperse them.", "en", worded=False)


def test_a_time_limit_without_a_number_answers_whatever_unit_is_asked() -> None:
    assert Asked.of("交通事故后多久要报警？").given_by(
        "驾驶人应当立即停车，并迅速报告公安机关。", "zh"
    )
    assert Asked.of("How many days does the employer have?").given_by(
        "The employer shall pay within a fortnight.", "en"
    )
    assert not Asked.of("多久可以申请？").given_by("用户可以通过即时通讯工具提交申请。", "zh")


def test_a_list_names_places_or_organisations_not_generic_words() -> None:
    assert has_span(Kind.LIST, "加强与联合国、世界贸易组织的合作。", "zh")
    assert has_span(Kind.LIST, "由全国人民代表大会和最高人民法院决定。", "zh")  # not 全国, 人民法院
    assert not has_span(Kind.LIST, "本市应当加强与国际组织和外国城市的交流合作。", "zh")
    assert not has_span(Kind.LIST, "外国人在人民法院起诉，同本国公民有同等的诉讼权利。", "zh")


@pytest.mark.parametrize(
    ("line", "cause"),
    [
        ("[1]", "not a JSON object"),
        ('{"id": "k1", "kind": "date"}', "no 'question'"),
        ('{"id": "k1", "question": 7, "kind": "date"}', "question must be text"),
        ('{"id": "s1", "kind": "date", "lang": "fr", "text": "x", "gives": true}', "lang must be"),
        ('{"id": "k1", "question": "本法何时施行？"', "Expecting ',' delimiter"),
    ],
)
def test_the_kind_report_says_why_a_line_cannot_be_read(
    tmp_path: Path, line: str, cause: str
) -> None:
    questions = tmp_path / "kinds.jsonl"
    questions.write_text(line + "\n", "utf-8")
    result = CliRunner().invoke(kinds.app, [str(questions)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {questions} line 1: {cause}")


def test_the_kind_report_reads_sentences_for_the_details_they_state(tmp_path: Path) -> None:
    sentences = tmp_path / "spans.jsonl"
    lines = [
        {
            "id": "s1",
            "kind": "duration",
            "lang": "zh",
            "text": "应当在十五日内答复。",
            "gives": True,
        },
        {
            "id": "s2",
            "kind": "duration",
            "lang": "en",
            "text": "Article 15 applies.",
            "gives": False,
        },
        {"id": "s3", "kind": "place", "lang": "zh", "text": "由人民法院管辖。", "gives": True},
    ]
    sentences.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    result = CliRunner().invoke(kinds.app, [str(sentences), "--errors"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{sentences}: 2/3 read right (0.667); 1 details missed, 0 seen where there is none",
        "  s3  True read as False: 由人民法院管辖。",
    ]


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("涉外民事关系法律适用法是从哪一天开始施行的？", True),
        ("集会游行示威法是哪天通过的？从什么时候开始施行？", True),
        ("本条例何时起施行？", True),
        ("香港基本法从哪一天起施行？", True),
        ("When did the Foreign Investment Law come into force?", True),
        ("What is the effective date of the Stamp Duty Law?", True),
        ("When did these opinions take effect?", True),
        ("From what date has the Employment Promotion Law been in force?", True),
        ("Since when have these rules been in effect?", True),
        ("When is the Civil Code in force?", True),
        # whether it still is, not since when; "when" opening a condition
        ("Is the Employment Promotion Law still in force?", False),
        ("When a law is in force, does it apply to contracts signed before it?", False),
        # of a contract or a decision, not of the document
        ("When is a sales contract in effect?", False),
        ("When does a contract for the sale of goods take effect?", False),
        ("合同什么时候生效？", False),
        ("行政处罚决定什么时候生效？", False),
        ("When does the court decision take effect?", False),
        # the document's commencement as the time of something else
        ("外商投资法施行以后，原来的企业组织形式还能保留多长时间？", False),
        ("劳动合同法规定的试用期什么时候开始？", False),
    ],
)
def test_a_question_on_when_a_document_takes_effect(question: str, asks: bool) -> None:
    assert asks_commencement(question) is asks


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("经营者贿赂交易相对方的工作人员，会被罚多少钱？", True),
        ("公司不给员工缴社保，要承担什么法律责任？", True),
        ("对违法行为人可以给予什么处分？", True),
        ("What fine can a business operator face for bribing a counterparty's staff?", True),
        ("Can the company be fined for it?", True),
        ("What penalties apply to late filing?", True),
        ("Is there a legal liability for the platform?", True),
        ("What is the fine for running a red light?", True),
        ("Is there a maximum fine, or a fine of a set amount?", True),
        # a duty, a right, a word holding "fine" in part, "fine" as an adjective
        ("经营者可以向交易相对方支付折扣吗？", False),
        ("Is it fine for my employer to withhold my wages?", False),
        ("How are the fine details of the contract settled?", False),
        ("How does the law define a trade secret?", False),
        ("Who is liable for the damage?", False),
    ],
)
def test_a_question_asking_a_sanction(question: str, asks: bool) -> None:
    assert asks_sanction(question) is asks


@pytest.mark.parametrize(
    ("lang", "text", "states"),
    [
        ("zh", "本法自2011年4月1日起施行。", True),
        ("zh", "本解释自2021年1月1日起施行。", True),
        (
            "zh",
            "《中华人民共和国集会游行示威法》已由……于1989年10月31日通过，现予公布，自公布之日起施行。",
            True,
        ),
        ("zh", "本條例自公布之日起施行。", True),  # Traditional characters
        ("en", "This Law shall enter into force on the date of promulgation.", True),
        ("en", "These Regulations shall come into force on 1 January 2020.", True),
        ("zh", "合同自成立时起生效。", False),
        ("zh", "行政处罚决定自送达之日起生效。", False),
        ("en", "The contract shall come into force upon signature.", False),
    ],
)
def test_what_is_and_is_not_a_commencement_clause(lang: str, text: str, states: bool) -> None:
    assert states_commencement(text, lang) is states  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("普通签证的类别和签发办法由国务院规定。", "zh", True),
        ("……预售商品房再行转让的问题，由国务院规定。", "zh", True),
        ("慈善组织年度支出的标准由国务院民政部门会同财政、税务等部门制定。", "zh", True),
        ("逾期仍未交纳诉讼费用的，由人民法院依照有关规定处理。", "zh", True),
        ("最低工资的具体标准由省、自治区、直辖市人民政府规定，报国务院备案。", "zh", True),
        ("引航员管理的具体办法由国务院交通主管部门制订。", "zh", True),
        ("其组织和管理由国务院制定具体办法。", "zh", True),
        ("具体收费标准，由省级人民政府价格主管部门确定。", "zh", True),
        ("具体办法另行制定。", "zh", True),
        (
            "The measures for foreign enterprises to establish partnerships in China shall be "
            "formulated by the State Council.",
            "en",
            True,
        ),
        (
            "The specific standards shall be prescribed by the people's governments of "
            "provinces, autonomous regions and municipalities directly under the Central "
            "Government.",
            "en",
            True,
        ),
        ("Specific measures shall be formulated separately.", "en", True),
        # a rule or a detail stated before the rest is handed on
        ("盲人携带导盲犬出入公共场所，应当遵守国家有关规定。", "zh", False),
        (
            "永久基本农田一般应当占本行政区域内耕地的百分之八十以上，具体比例由国务院规定。",
            "zh",
            False,
        ),
        ("从事免税商品零售业务应当经过批准，具体办法由国务院规定。", "zh", False),
        ("上市公司设独立董事，具体办法由国务院规定。", "zh", False),
        (
            "收养关系成立后，需要办理户口登记的，由收养人持收养登记证到户口登记机关按照国家"
            "有关规定办理。",
            "zh",
            False,
        ),
        (
            "Where a party fails to pay, the court shall impose a fine, and the specific measures "
            "shall be formulated by the State Council.",
            "en",
            False,
        ),
        # a case decided, settled by agreement or published, not a rule handed on
        ("具体标准由国务院有关部门协商确定。", "zh", False),
        ("工资标准由用人单位依照国家有关规定确定。", "zh", False),
        ("赔偿数额由人民法院根据实际情况确定。", "zh", False),
        ("对渔港认定有不同意见的，依照港口隶属关系由县级以上人民政府确定。", "zh", False),
        ("具体办法由国务院公布。", "zh", False),
        (
            "The issues arising shall be dealt with by the parties through consultation.",
            "en",
            False,
        ),
        # the noun 规定, not a body ruling
        ("由国务院改变或者撤销该部门不适当的规定。", "zh", False),
        # a body named as the one that acts; an exception
        ("本章规定的行政处罚，由国务院规定的有关行政监督部门决定。", "zh", False),
        ("法律另有规定的，依照其规定。", "zh", False),
        # criminal liability left to the Criminal Law, unless the crime is this law's own
        ("违反本法规定，构成犯罪的，依法追究刑事责任。", "zh", True),
        ("构成犯罪的，依法追究刑事责任。", "zh", True),
        (
            "Where a violation of this Law constitutes a crime, criminal liability shall be "
            "investigated in accordance with the law.",
            "en",
            True,
        ),
        ("容留他人吸食毒品，构成犯罪的，依法追究刑事责任。", "zh", False),
        ("构成犯罪的，依法追究刑事责任；尚不构成犯罪的，处十日以下拘留。", "zh", False),
    ],
)
def test_a_rule_leaving_its_matter_to_another_instrument_or_body_is_told(
    text: str, lang: Lang, expected: bool
) -> None:
    assert delegates(text, lang) is expected


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("How many penalty points go on my licence for a minor crash?", {"point"}),
        ("How many working days does the bureau have to decide?", {"day"}),
        ("What minimum coverage per tourist must the liability insurance provide?", {"minimum"}),
        ("申请出境旅游业务经营许可证，要交多少行政审批费？", {"money", "fee"}),
        ("起诉离婚要交多少诉讼费？", {"money", "fee"}),
        ("试用期头几个月工资是多少？", set()),  # the months told, not asked
    ],
)
def test_the_unit_asked_is_read_past_the_words_describing_it(
    question: str, units: set[str]
) -> None:
    asked = Asked.of(question)
    assert asked.kind == Kind.NUMBER or asked.kind == Kind.DURATION
    assert asked.units == units


def test_how_many_times_is_a_count_or_a_multiple_and_before_an_amount_a_multiple() -> None:
    count = Asked.of("How many times must he have gathered others before the penalty applies?")
    assert count.units == {"times", "occasions"}
    assert count.given_by("纠集他人三次以上实施犯罪的，依照刑法规定处罚。", "zh")
    multiple = Asked.of("How many times my monthly wage can I claim for each month?")
    assert multiple.units == {"times"}
    assert multiple.given_by("用人单位应当向劳动者每月支付二倍的工资。", "zh")
    assert not multiple.given_by("用人单位三次拖欠工资的，应当支付赔偿金。", "zh")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("劳动争议申请仲裁的时效期间是多久？", Kind.DURATION),
        ("他抗辩说早就过了诉讼时效，法院会支持吗？", Kind.OPEN),
        ("主债权经过诉讼时效，抵押权是否存续？", Kind.OPEN),
        ("过了诉讼时效怎么办？", Kind.OPEN),
    ],
)
def test_a_limitation_period_named_is_asked_only_with_how_long(question: str, kind: Kind) -> None:
    assert Asked.of(question).kind == kind


def test_those_who_pay_a_fee_are_no_fee() -> None:
    assert Asked.of("这个平台有多少消费者投诉？").units == frozenset()


@pytest.mark.parametrize(
    "question",
    [
        "Which specific documents do I have to bring to the notary office?",
        "Exactly which grounds allow the court to set the award aside?",
        "What particular circumstances count as a major accident?",
        "保险公司的高级管理人员具体包括哪些职位？",
        "申请法律援助，具体要带哪些证件和材料？",
    ],
)
def test_which_specific_things_asks_for_a_list_of_them(question: str) -> None:
    assert Asked.of(question) == Asked(Kind.LIST, frozenset({"items"}))


@pytest.mark.parametrize(
    "question",
    [
        "Exactly what does a major accident mean?",
        "What specific process applies?",
        "Which specific places can I file a complaint?",
        "对旅行社质量保证金有哪些具体规定？",
    ],
)
def test_a_single_thing_a_meaning_a_place_or_the_provisions_are_no_list(question: str) -> None:
    assert Asked.of(question).units != {"items"}


def test_which_specific_countries_asks_for_their_names_and_a_specific_amount_for_one() -> None:
    assert Asked.of("具体有哪些国家参与了该合作？").units == frozenset()
    assert Asked.of("What exact daily percentage is charged on the unpaid price?").kind == (
        Kind.NUMBER
    )


@pytest.mark.parametrize(
    ("lang", "text", "lists"),
    [
        ("zh", "设立公证机构，应当具备下列条件：", True),
        ("zh", "（二）有固定的场所；", True),
        ("zh", "县级以上人民政府工商、价格、商务、外汇等有关部门，按照职责分工监督管理。", True),
        ("zh", "应当提交身份证、户口簿等证件。", True),
        ("zh", "投标文件的内容应当包括项目负责人的简历和业绩、机械设备等。", True),
        ("zh", "当事人应当提供真实、合法、充分的证明材料。", False),
        ("zh", "行政机关应当依法、及时、公正地处理。", False),
        ("zh", "出租人、承租人应当平等协商。", False),
        ("zh", "保证金的数额包括在注册资本内，由旅行社存入指定银行、不得挪用。", False),
        ("zh", "旅行社应当投保旅行社责任险。", False),
        ("en", "The notice shall state the names, addresses and telephone numbers.", True),
        ("en", "(b) the name of the applicant;", True),
        ("en", "The documents, including the lease, shall be kept.", True),
        ("en", "The applicant shall submit the documents required by law.", False),
        ("en", "The agency shall, without delay, notify the tourist and take measures.", False),
        (
            "en",
            "Where a party fails to pay, the other party may demand payment or claim damages.",
            False,
        ),
        ("en", "Submit an application, a copy of the business licence and proof of capital.", True),
    ],
)
def test_a_list_of_things_is_items_a_series_or_what_including_introduces(
    lang: Lang, text: str, lists: bool
) -> None:
    assert has_span(Kind.LIST, text, lang, frozenset({"items"})) is lists


@pytest.mark.parametrize(
    ("word", "quantity"),
    [
        ("三年", True),
        ("一次", True),
        ("19", True),
        ("五千克", True),
        ("十八周岁", True),
        ("年", False),
        ("一次性", False),
        ("公司", False),
        ("三年期", False),
        ("几次", True),
        ("几成", True),
        ("几个", True),
        ("几级", True),
        ("几千元", True),
        ("几乎", False),
        ("几何", False),
    ],
)
def test_a_number_with_or_without_its_measure_is_a_quantity(word: str, quantity: bool) -> None:
    assert is_quantity(word) is quantity


@pytest.mark.parametrize(
    ("question", "lang", "fee", "fine"),
    [
        (
            "特许人办理特许经营备案，需要缴纳多少备案费用？",
            "zh",
            "办理备案，应当缴纳备案费用200元。",
            "特许人未依照规定备案的，由商务主管部门责令限期备案，处1万元以上5万元以下的罚款。",
        ),
        (
            "申请护照要交多少工本费？",
            "zh",
            "申请人应当缴纳工本费120元；逾期不缴纳的，处200元罚款。",
            "伪造护照的，处2000元以上5000元以下罚款。",
        ),
        (
            "What is the filing fee for franchise registration?",
            "en",
            "The filing fee is 200 yuan, and a fine of 1,000 yuan applies to late filers.",
            "A franchisor that fails to file shall be fined not less than 10,000 yuan.",
        ),
    ],
)
def test_a_fee_asked_is_no_fine(question: str, lang: Lang, fee: str, fine: str) -> None:
    asked = Asked.of(question)
    assert (asked.kind, "money" in asked.units) == (Kind.NUMBER, True)
    assert asked.given_by(fee, lang)
    assert not asked.given_by(fine, lang)


@pytest.mark.parametrize(
    ("question", "lang", "fine"),
    [
        ("不办理备案会被罚款多少？", "zh", "处1万元以上5万元以下的罚款。"),
        ("要交多少钱？", "zh", "处200元罚款。"),  # a fee or a fine: either
        # a penalty asked of a fee is a fine
        ("没交社保费被罚了多少钱？", "zh", "逾期仍不缴纳的，处5000元以上2万元以下罚款。"),
        ("乱收费会被处以多少钱的处罚？", "zh", "违反规定收费的，处5000元以上2万元以下罚款。"),
        (
            "How much is the penalty for charging unapproved fees?",
            "en",
            "It shall be fined not less than 5,000 yuan.",
        ),
    ],
)
def test_a_fine_asked_is_answered_by_a_fine(question: str, lang: Lang, fine: str) -> None:
    assert Asked.of(question).given_by(fine, lang)


@pytest.mark.parametrize(
    ("question", "fine"),
    [
        ("What fine can the bank be given for that?", True),
        ("How much will I be fined for driving without plates?", True),
        ("What is the maximum fine under this regulation?", True),
        ("骗领居民身份证的，会被罚款多少？", True),
        ("单位不缴失业保险费会被罚多少钱？", True),
        ("罚金是多少？", True),
        # a fine asked of another detail, or no fine at all
        ("Within how many days must the fine be paid?", False),
        ("罚款应当在多少日内缴纳？", False),
        ("Is it fine for my employer to keep my passport?", False),
        ("What is the filing fee?", False),
    ],
)
def test_a_question_asking_a_fine_is_read(question: str, fine: bool) -> None:
    assert asks_fine(question) is fine
