"""regions: the gazetteer file and resolve_region on tricky cases."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from reportflow.catalog import provinces
from reportflow.models import Region
from reportflow.regions import find_mentions, gazetteer, resolve_region

REPO = Path(__file__).resolve().parents[1]


def _rows() -> list[dict[str, str]]:
    text = resources.files("reportflow").joinpath("data", "regions.csv").read_text("utf-8")
    assert text.startswith("# source: jionlp=="), "regions.csv keeps its provenance line"
    return list(csv.DictReader(ln for ln in text.splitlines() if not ln.startswith("#")))


def test_gazetteer_file_shape() -> None:
    rows = _rows()
    levels = {r["level"] for r in rows}
    assert levels == {"province", "city", "county"}
    assert {r["name"] for r in rows if r["level"] == "province"} == set(provinces())
    assert (REPO / "include/reportflow/data/regions.csv").stat().st_size < 400_000
    for r in rows:
        assert len(r["adcode"]) == 6 and r["adcode"].isdigit(), r
        if r["level"] != "province":
            assert r["province"] in provinces(), r
            # a county's code starts with its province's two digits
            assert r["adcode"][:2] == provinces()[r["province"]], r
    by = {(r["level"], r["name"], r["city"]): r["adcode"] for r in rows}
    assert by[("county", "潼南区", "重庆市")] == "500152"
    assert by[("county", "南阳市城乡一体化示范区", "南阳市")] == "411372"
    assert by[("city", "重庆市", "重庆市")] == "500000"
    assert not any("直辖" in r["name"] for r in rows)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # 南山区: Shenzhen or Hegang, decided by the rest of the text
        (
            "南山区人民政府2024年教育工作自查自评报告\n根据《黑龙江省学校管理条例》，"
            "在鹤岗市人民政府教育督导室指导下，南山区开展自查。\n",
            Region("黑龙江省", "鹤岗市", "南山区", "230404"),
        ),
        (
            "南山区人民政府关于履行教育职责情况的自评报告\n南山区地处深圳市西部，广东省教育厅……\n",
            Region("广东省", "深圳市", "南山区", "440305"),
        ),
        # 新华区: Shijiazhuang, Cangzhou or Pingdingshan; a sibling district decides
        (
            "新华区人民政府关于义务教育优质均衡发展的自评报告\n新华区与桥西区、长安区同为"
            "石家庄市主城区。\n",
            Region("河北省", "石家庄市", "新华区", "130105"),
        ),
        (
            "平顶山市新华区教育体育局关于巡察反馈问题整改情况的报告\n正文。\n",
            Region("河南省", "平顶山市", "新华区", "410402"),
        ),
        # 朝阳区: Beijing or Changchun
        (
            "朝阳区人民政府关于履行教育职责情况的自查自评报告\n根据《长春市人民政府教育督导"
            "委员会办公室关于开展评价的通知》要求，朝阳区对照吉林省评价指标开展自查。\n"
            "朝阳区人民政府\n2023年6月18日\n",
            Region("吉林省", "长春市", "朝阳区", "220104"),
        ),
        (
            "北京市朝阳区人民政府\n关于2022年履行教育职责情况的自查自评报告\n正文。\n",
            Region("北京市", "北京市", "朝阳区", "110105"),
        ),
        # 鼓楼区: Nanjing, Xuzhou, Fuzhou or Kaifeng
        (
            "鼓楼区教育局关于督导反馈问题整改情况的报告\n福州市鼓楼区地处福建省会中心。\n",
            Region("福建省", "福州市", "鼓楼区", "350102"),
        ),
        (
            "鼓楼区人民政府自评报告\n开封市教育局、河南省教育厅……\n",
            Region("河南省", "开封市", "鼓楼区", "410204"),
        ),
        # municipalities: the city is the municipality itself
        (
            "重庆市潼南区人民政府\n关于2022年度履行教育职责的自评报告\n正文。\n",
            Region("重庆市", "重庆市", "潼南区", "500152"),
        ),
        (
            "北京市顺义区人民政府\n关于2022年履行教育职责情况的自查自评报告\n",
            Region("北京市", "北京市", "顺义区", "110113"),
        ),
        (
            "重庆市人民政府关于全市教育工作的报告\n各区县：万州区、涪陵区、潼南区……\n",
            Region("重庆市", "重庆市", None, "500000"),
        ),
        # special zones
        (
            "南阳市城乡一体化示范区管委会\n关于履行教育职责情况自查自评报告\n"
            "按照《河南省人民政府教育督导委员会办公室关于印发评价方案的通知》要求……\n"
            "南阳市城乡一体化示范区管委会\n2022年7月12日\n",
            Region("河南省", "南阳市", "南阳市城乡一体化示范区", "411372"),
        ),
        # a city-level report that names its counties in the body
        (
            "南阳市人民政府关于2022年度履行教育职责情况的自查报告\n全市13个县区中，"
            "新野县、唐河县、邓州市、新野县先后通过评估，卧龙区、宛城区……\n"
            "南阳市人民政府\n2022年8月1日\n",
            Region("河南省", "南阳市", None, "411300"),
        ),
        # a province-level issuer
        (
            "河南省教育厅关于全省教育督导工作的通报\n正文。\n",
            Region("河南省", None, None, "410000"),
        ),
    ],
)
def test_resolve_region(text: str, want: Region) -> None:
    assert resolve_region(text) == want


def test_ambiguous_county_alone_stays_unresolved() -> None:
    r = resolve_region("南山区人民政府关于履行教育职责的自评报告\n我区高度重视教育工作。\n")
    assert r == Region(None, None, "南山区", None)


def test_cited_documents_of_other_regions_do_not_win() -> None:
    text = (
        "新野县人民政府\n关于履行教育职责情况的自查自评报告\n"
        "根据《河南省人民政府关于印发评价方案的通知》《南阳市人民政府办公室关于印发方案的通知》"
        "《唐河县教育体育局关于经验交流的通报》精神，我县开展自查。\n"
        "新野县人民政府\n2023年5月6日\n"
    )
    assert resolve_region(text) == Region("河南省", "南阳市", "新野县", "411329")


def test_signature_decides_when_the_title_names_no_region() -> None:
    text = (
        "关于2023年度履行教育职责情况的自查自评报告\n"
        "我县坚持教育优先发展，学前三年毛入园率达到92%。\n"
        "叶县人民政府\n2024年1月10日\n"
    )
    assert resolve_region(text) == Region("河南省", "平顶山市", "叶县", "410422")


def test_body_only_county_report() -> None:
    text = (
        "关于履行教育职责情况的自查报告\n"
        "新野县高度重视教育工作。新野县委、县政府把教育摆在优先位置，"
        "新野县财政教育支出逐年增长，南阳市教育局给予指导。\n"
    )
    assert resolve_region(text).county == "新野县"


@pytest.mark.parametrize(
    "text",
    [
        "关于履行教育职责情况的自查自评报告\n城区学校大班额问题突出，各校大同小异。\n",
        "我们推进新县城建设，解放思想，振兴乡村教育，光明前景。\n",
        "",
    ],
)
def test_no_region(text: str) -> None:
    assert resolve_region(text) == Region()


def test_short_names_need_context() -> None:
    g = gazetteer()
    assert "叶县" in g.by_name
    names = [m.places[0].name for m in find_mentions("叶县人民政府 全县 叶县城 新县城建设")]
    assert names == ["叶县"]


def test_mentions_are_longest_first() -> None:
    text = "南阳市城乡一体化示范区管委会"
    ms = find_mentions(text)
    assert [text[m.start : m.end] for m in ms] == ["南阳市城乡一体化示范区"]


def test_alias_with_an_administrative_suffix_finds_old_and_short_names() -> None:
    # 石柱县 for 石柱土家族自治县; 潼南县 is the name before 2015 of 潼南区
    text = "关于2022年度履行教育职责情况的自查报告\n正文。\n石柱县人民政府\n2022年5月1日\n"
    assert resolve_region(text) == Region("重庆市", "重庆市", "石柱土家族自治县", "500240")
    assert resolve_region("潼南县人民政府关于教育工作的报告\n").county == "潼南区"


def test_sights_and_generic_zones_are_not_regions() -> None:
    text = "关于教育工作的报告\n组织教师赴井冈山开展红色教育，在工业园区新建学校，推进河南县域教育发展。\n"
    assert resolve_region(text) == Region()


def test_head_county_consistent_with_the_head_city_wins() -> None:
    text = "南阳市教育局关于新野县、叶县教育督导情况的通报\n正文。\n"
    # two counties in the title; the one of the named city is the region
    assert resolve_region(text).county == "新野县"


def test_a_county_named_once_in_a_report_that_speaks_as_a_county() -> None:
    text = (
        "关于2023年度履行教育职责情况的自查报告\n"
        "株洲市人民政府教育督导室：\n"
        "按照株洲市统一部署，茶陵县对照评价指标开展自查。全县现有中小学86所，"
        "我县学前三年毛入园率达到90%。株洲市教育局多次来我县指导，全县教师队伍稳定。\n"
    )
    assert resolve_region(text) == Region("湖南省", "株洲市", "茶陵县", "430224")


def test_a_city_report_naming_one_county_stays_the_city() -> None:
    text = (
        "关于2023年度履行教育职责情况的自查报告\n"
        "株洲市高度重视教育，全市现有中小学800所，其中攸县新建学校2所。"
        "我市学前三年毛入园率达到91%，全市教育发展良好。\n"
    )
    assert resolve_region(text) == Region("湖南省", "株洲市", None, "430200")


def test_two_counties_of_the_city_named_once_are_no_county() -> None:
    text = (
        "关于教育工作情况的自查报告\n株洲市要求各地加强教育。炎陵县、茶陵县交流经验。"
        "全县学校布局调整完成，我县教师待遇落实。株洲市督导组给予肯定。\n"
    )
    assert resolve_region(text).county is None


def test_report_opening_with_a_salutation_resolves_without_error() -> None:
    # no title: the first line is an addressee or a salutation ending in a colon
    for opening in ("各位领导：", "市人民政府教育督导委员会办公室：", "尊敬的督导组各位领导："):
        text = opening + "\n现将江苏省南京市鼓楼区履行教育职责情况汇报如下。全区共有幼儿园58所。\n"
        region = resolve_region(text)
        assert region.adcode == "320106", (opening, region)


def test_a_zone_named_in_full_in_the_opening_wins_over_neighbours_named_once() -> None:
    text = (
        "关于2024年度履行教育职责情况的自评报告\n"
        "长春市人民政府教育督导委员会办公室：\n"
        "按照督导评估安排，长春净月高新技术产业开发区组织开展自评，现报告如下。\n"
        "一、基本情况\n净月区共有公办中小学31所，全区在校学生近5万人。"
        "我区与南关区、朝阳区的优质学校组建教育联盟，全区教师交流轮岗120人次。\n"
        "二、存在不足\n全区优质学位仍然紧张。\n"
    )
    assert resolve_region(text) == Region(
        "吉林省", "长春市", "长春净月高新技术产业开发区", "220172"
    )


def test_a_county_named_again_and_again_by_its_short_name_wins() -> None:
    text = (
        "关于教育工作的自查报告\n"
        "近年来，全区坚持教育优先。净月区新建学校4所，净月区教师培训全覆盖，"
        "我区还与二道区、宽城区开展联合教研，净月区课后服务实现全覆盖。\n"
        "全区学前教育普惠率达到92%。长春净月高新技术产业开发区管委会高度重视教育。\n"
    )
    assert resolve_region(text).county == "长春净月高新技术产业开发区"


def test_a_city_report_naming_districts_in_its_opening_stays_the_city() -> None:
    text = (
        "长春市人民政府关于履行教育职责情况的自查报告\n"
        "全市上下高度重视，南关区率先完成学校布局调整，全市学前教育普惠率达到91%。"
        "我市与朝阳区、宽城区共建研学基地，全市教师队伍稳定。\n"
    )
    assert resolve_region(text) == Region("吉林省", "长春市", None, "220100")


def test_a_county_named_once_in_the_opening_of_an_untitled_report() -> None:
    text = (
        "各位领导，同志们：大家好！\n"
        "按照督导组要求，我县对照问题清单认真整改，沭阳县委常委会专题研究部署，"
        "现将整改情况报告如下：\n一、整改工作情况\n成立专班，建立台账。\n"
    )
    assert resolve_region(text).county == "沭阳县"


def test_signature_above_a_trailer_decides_the_region() -> None:
    text = (
        "关于2023年度履行教育职责情况的自查自评报告\n"
        "我县学习借鉴郏县、宝丰县经验，毛入园率达到92%，郏县经验值得推广。\n"
        "叶县人民政府\n2024年1月10日\n"
        "附件：1.学校基本情况表\n2.经费投入情况表\n3.教师配备情况表\n"
        "抄送：市教育局。\n联系人：王某\n"
    )
    assert resolve_region(text) == Region("河南省", "平顶山市", "叶县", "410422")
