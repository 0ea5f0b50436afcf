"""International cooperation: partners and channels, against counts made by hand."""

from analysis.chapters.cooperation.numbers import Cooperation, partner_key
from analysis.contract.parameters import Edition


def test_partner_keys_join_the_lists():
    assert partner_key("United Nations Office on Drugs and Crime (UNODC)") == "UNODC"
    assert partner_key("Inter-American Committee Against Terrorism CICTE - OAS") == "CICTE"
    assert partner_key("European Union") == "European Union"


def test_channels_hand_counted():
    # IS 3.3 bilateral: United States, United Kingdom, France, neighbouring countries;
    # multilateral: UNODC, European Union, CICAD, CICTE. IC 1.1: ten bilateral
    # mechanisms (United States and France already named) and horizontal cooperation with
    # Paraguay, Colombia, El Salvador and the countries of the region; IC 1.2: INCB, CICAD
    # and UNODC receive information, the EU donated equipment, COPOLAD (EU) ran a visit.
    channels = Cooperation(Edition()).channels
    assert channels.shape == (20, 7)
    assert channels.sum().to_dict() == {
        "bilateral programme": 4,
        "multilateral programme": 4,
        "bilateral mechanism": 10,
        "horizontal cooperation": 4,
        "information sharing": 3,
        "technology transfer": 1,
        "study visit": 1,
    }
    busiest = channels.sum(axis=1)
    assert busiest.idxmax() == "European Union"
    assert busiest.max() == 3
