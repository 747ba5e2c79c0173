//! Who a document is between: every state and organisation that signs treaties, under one
//! English short name each ("China", "Belarus", "United States", "European Union"), and the
//! matcher that finds them in Chinese or English text. Owns the spelling table (official and
//! short names, common variants, simplified and traditional Chinese, the "中方" style of joint
//! statements) and the rules that keep 俄罗斯 out of 白俄罗斯 and "China" out of "Chinese".

use std::collections::HashMap;
use std::sync::LazyLock;

/// One party and the ways it is written.
struct Party {
    name: &'static str,
    english: &'static [&'static str],
    /// Simplified spellings; traditional ones are derived with [`SIMPLIFIED_TO_TRADITIONAL`].
    chinese: &'static [&'static str],
}

const fn p(
    name: &'static str,
    english: &'static [&'static str],
    chinese: &'static [&'static str],
) -> Party {
    Party {
        name,
        english,
        chinese,
    }
}

// One party per line reads better than rustfmt's five.
#[rustfmt::skip]
const PARTIES: &[Party] = &[
    // UN member states, by English short name.
    p("Afghanistan", &["Afghanistan", "Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"], &["阿富汗伊斯兰共和国", "阿富汗"]),
    p("Albania", &["Albania", "Republic of Albania"], &["阿尔巴尼亚共和国", "阿尔巴尼亚"]),
    p("Algeria", &["Algeria", "People's Democratic Republic of Algeria"], &["阿尔及利亚民主人民共和国", "阿尔及利亚"]),
    p("Andorra", &["Andorra", "Principality of Andorra"], &["安道尔公国", "安道尔"]),
    p("Angola", &["Angola", "Republic of Angola"], &["安哥拉共和国", "安哥拉"]),
    p("Antigua and Barbuda", &["Antigua and Barbuda"], &["安提瓜和巴布达"]),
    p("Argentina", &["Argentina", "Argentine Republic"], &["阿根廷共和国", "阿根廷"]),
    p("Armenia", &["Armenia", "Republic of Armenia"], &["亚美尼亚共和国", "亚美尼亚"]),
    p("Australia", &["Australia", "Commonwealth of Australia"], &["澳大利亚联邦", "澳大利亚", "澳洲"]),
    p("Austria", &["Austria", "Republic of Austria"], &["奥地利共和国", "奥地利"]),
    p("Azerbaijan", &["Azerbaijan", "Republic of Azerbaijan"], &["阿塞拜疆共和国", "阿塞拜疆"]),
    p("Bahamas", &["Bahamas", "Commonwealth of the Bahamas"], &["巴哈马国", "巴哈马"]),
    p("Bahrain", &["Bahrain", "Kingdom of Bahrain"], &["巴林王国", "巴林"]),
    p("Bangladesh", &["Bangladesh", "People's Republic of Bangladesh"], &["孟加拉人民共和国", "孟加拉国", "孟加拉"]),
    p("Barbados", &["Barbados"], &["巴巴多斯"]),
    p("Belarus", &["Belarus", "Republic of Belarus", "Byelorussia"], &["白俄罗斯共和国", "白俄罗斯"]),
    p("Belgium", &["Belgium", "Kingdom of Belgium"], &["比利时王国", "比利时"]),
    p("Belize", &["Belize"], &["伯利兹"]),
    p("Benin", &["Benin", "Republic of Benin"], &["贝宁共和国", "贝宁"]),
    p("Bhutan", &["Bhutan", "Kingdom of Bhutan"], &["不丹王国", "不丹"]),
    p("Bolivia", &["Bolivia", "Plurinational State of Bolivia"], &["多民族玻利维亚国", "玻利维亚"]),
    p("Bosnia and Herzegovina", &["Bosnia and Herzegovina", "Bosnia-Herzegovina"], &["波斯尼亚和黑塞哥维那", "波黑"]),
    p("Botswana", &["Botswana", "Republic of Botswana"], &["博茨瓦纳共和国", "博茨瓦纳"]),
    p("Brazil", &["Brazil", "Federative Republic of Brazil"], &["巴西联邦共和国", "巴西"]),
    p("Brunei", &["Brunei", "Brunei Darussalam", "Nation of Brunei"], &["文莱达鲁萨兰国", "文莱苏丹", "文莱"]),
    p("Bulgaria", &["Bulgaria", "Republic of Bulgaria"], &["保加利亚共和国", "保加利亚"]),
    p("Burkina Faso", &["Burkina Faso"], &["布基纳法索"]),
    p("Burundi", &["Burundi", "Republic of Burundi"], &["布隆迪共和国", "布隆迪"]),
    p("Cabo Verde", &["Cabo Verde", "Cape Verde", "Republic of Cabo Verde"], &["佛得角共和国", "佛得角"]),
    p("Cambodia", &["Cambodia", "Kingdom of Cambodia"], &["柬埔寨王国", "柬埔寨"]),
    p("Cameroon", &["Cameroon", "Republic of Cameroon"], &["喀麦隆共和国", "喀麦隆"]),
    p("Canada", &["Canada"], &["加拿大"]),
    p("Central African Republic", &["Central African Republic"], &["中非共和国"]),
    p("Chad", &["Chad", "Republic of Chad"], &["乍得共和国", "乍得"]),
    p("Chile", &["Chile", "Republic of Chile"], &["智利共和国", "智利"]),
    p("China", &["China", "People's Republic of China", "Peoples Republic of China", "PRC", "P.R.C.", "P.R. China"], &["中华人民共和国", "中国"]),
    p("Colombia", &["Colombia", "Republic of Colombia"], &["哥伦比亚共和国", "哥伦比亚"]),
    p("Comoros", &["Comoros", "Union of the Comoros"], &["科摩罗联盟", "科摩罗"]),
    p("Republic of the Congo", &["Republic of the Congo", "Republic of Congo", "Congo-Brazzaville", "Congo"], &["刚果共和国", "刚果(布)"]),
    p("Costa Rica", &["Costa Rica", "Republic of Costa Rica"], &["哥斯达黎加共和国", "哥斯达黎加"]),
    p("Côte d'Ivoire", &["Côte d'Ivoire", "Cote d'Ivoire", "Republic of Côte d'Ivoire", "Republic of Cote d'Ivoire", "Ivory Coast"], &["科特迪瓦共和国", "科特迪瓦"]),
    p("Croatia", &["Croatia", "Republic of Croatia"], &["克罗地亚共和国", "克罗地亚"]),
    p("Cuba", &["Cuba", "Republic of Cuba"], &["古巴共和国", "古巴"]),
    p("Cyprus", &["Cyprus", "Republic of Cyprus"], &["塞浦路斯共和国", "塞浦路斯"]),
    p("Czechia", &["Czechia", "Czech Republic"], &["捷克共和国", "捷克"]),
    p("North Korea", &["North Korea", "Democratic People's Republic of Korea", "DPRK", "D.P.R.K."], &["朝鲜民主主义人民共和国", "朝鲜", "北韩"]),
    p("Democratic Republic of the Congo", &["Democratic Republic of the Congo", "Democratic Republic of Congo", "DR Congo", "DRC", "Congo-Kinshasa"], &["刚果民主共和国", "刚果(金)"]),
    p("Denmark", &["Denmark", "Kingdom of Denmark"], &["丹麦王国", "丹麦"]),
    p("Djibouti", &["Djibouti", "Republic of Djibouti"], &["吉布提共和国", "吉布提"]),
    p("Dominica", &["Dominica", "Commonwealth of Dominica"], &["多米尼克国", "多米尼克"]),
    p("Dominican Republic", &["Dominican Republic"], &["多米尼加共和国", "多米尼加"]),
    p("Ecuador", &["Ecuador", "Republic of Ecuador"], &["厄瓜多尔共和国", "厄瓜多尔"]),
    p("Egypt", &["Egypt", "Arab Republic of Egypt"], &["阿拉伯埃及共和国", "埃及"]),
    p("El Salvador", &["El Salvador", "Republic of El Salvador"], &["萨尔瓦多共和国", "萨尔瓦多"]),
    p("Equatorial Guinea", &["Equatorial Guinea", "Republic of Equatorial Guinea"], &["赤道几内亚共和国", "赤道几内亚"]),
    p("Eritrea", &["Eritrea", "State of Eritrea"], &["厄立特里亚国", "厄立特里亚"]),
    p("Estonia", &["Estonia", "Republic of Estonia"], &["爱沙尼亚共和国", "爱沙尼亚"]),
    p("Eswatini", &["Eswatini", "Kingdom of Eswatini", "Swaziland"], &["埃斯瓦蒂尼王国", "埃斯瓦蒂尼", "斯威士兰"]),
    p("Ethiopia", &["Ethiopia", "Federal Democratic Republic of Ethiopia"], &["埃塞俄比亚联邦民主共和国", "埃塞俄比亚"]),
    p("Fiji", &["Fiji", "Republic of Fiji"], &["斐济共和国", "斐济"]),
    p("Finland", &["Finland", "Republic of Finland"], &["芬兰共和国", "芬兰"]),
    p("France", &["France", "French Republic"], &["法兰西共和国", "法国"]),
    p("Gabon", &["Gabon", "Gabonese Republic"], &["加蓬共和国", "加蓬"]),
    p("Gambia", &["Gambia", "Republic of the Gambia"], &["冈比亚共和国", "冈比亚"]),
    p("Georgia", &["Georgia"], &["格鲁吉亚"]),
    p("Germany", &["Germany", "Federal Republic of Germany"], &["德意志联邦共和国", "德国"]),
    p("Ghana", &["Ghana", "Republic of Ghana"], &["加纳共和国", "加纳"]),
    p("Greece", &["Greece", "Hellenic Republic"], &["希腊共和国", "希腊"]),
    p("Grenada", &["Grenada"], &["格林纳达"]),
    p("Guatemala", &["Guatemala", "Republic of Guatemala"], &["危地马拉共和国", "危地马拉"]),
    p("Guinea", &["Guinea", "Republic of Guinea"], &["几内亚共和国", "几内亚"]),
    p("Guinea-Bissau", &["Guinea-Bissau", "Republic of Guinea-Bissau"], &["几内亚比绍共和国", "几内亚比绍"]),
    p("Guyana", &["Guyana", "Co-operative Republic of Guyana", "Cooperative Republic of Guyana"], &["圭亚那合作共和国", "圭亚那"]),
    p("Haiti", &["Haiti", "Republic of Haiti"], &["海地共和国", "海地"]),
    p("Honduras", &["Honduras", "Republic of Honduras"], &["洪都拉斯共和国", "洪都拉斯"]),
    p("Hungary", &["Hungary"], &["匈牙利"]),
    p("Iceland", &["Iceland"], &["冰岛"]),
    p("India", &["India", "Republic of India"], &["印度共和国", "印度"]),
    p("Indonesia", &["Indonesia", "Republic of Indonesia"], &["印度尼西亚共和国", "印度尼西亚", "印尼"]),
    p("Iran", &["Iran", "Islamic Republic of Iran"], &["伊朗伊斯兰共和国", "伊朗"]),
    p("Iraq", &["Iraq", "Republic of Iraq"], &["伊拉克共和国", "伊拉克"]),
    p("Ireland", &["Ireland"], &["爱尔兰"]),
    p("Israel", &["Israel", "State of Israel"], &["以色列国", "以色列"]),
    p("Italy", &["Italy", "Italian Republic"], &["意大利共和国", "意大利", "義大利"]),
    p("Jamaica", &["Jamaica"], &["牙买加"]),
    p("Japan", &["Japan"], &["日本国", "日本"]),
    p("Jordan", &["Jordan", "Hashemite Kingdom of Jordan"], &["约旦哈希姆王国", "约旦"]),
    p("Kazakhstan", &["Kazakhstan", "Republic of Kazakhstan"], &["哈萨克斯坦共和国", "哈萨克斯坦"]),
    p("Kenya", &["Kenya", "Republic of Kenya"], &["肯尼亚共和国", "肯尼亚"]),
    p("Kiribati", &["Kiribati", "Republic of Kiribati"], &["基里巴斯共和国", "基里巴斯"]),
    p("Kuwait", &["Kuwait", "State of Kuwait"], &["科威特国", "科威特"]),
    p("Kyrgyzstan", &["Kyrgyzstan", "Kyrgyz Republic"], &["吉尔吉斯共和国", "吉尔吉斯斯坦", "吉尔吉斯"]),
    p("Laos", &["Laos", "Lao People's Democratic Republic", "Lao PDR"], &["老挝人民民主共和国", "老挝"]),
    p("Latvia", &["Latvia", "Republic of Latvia"], &["拉脱维亚共和国", "拉脱维亚"]),
    p("Lebanon", &["Lebanon", "Lebanese Republic"], &["黎巴嫩共和国", "黎巴嫩"]),
    p("Lesotho", &["Lesotho", "Kingdom of Lesotho"], &["莱索托王国", "莱索托"]),
    p("Liberia", &["Liberia", "Republic of Liberia"], &["利比里亚共和国", "利比里亚"]),
    p("Libya", &["Libya", "State of Libya"], &["利比亚国", "利比亚"]),
    p("Liechtenstein", &["Liechtenstein", "Principality of Liechtenstein"], &["列支敦士登公国", "列支敦士登"]),
    p("Lithuania", &["Lithuania", "Republic of Lithuania"], &["立陶宛共和国", "立陶宛"]),
    p("Luxembourg", &["Luxembourg", "Grand Duchy of Luxembourg"], &["卢森堡大公国", "卢森堡"]),
    p("Madagascar", &["Madagascar", "Republic of Madagascar"], &["马达加斯加共和国", "马达加斯加"]),
    p("Malawi", &["Malawi", "Republic of Malawi"], &["马拉维共和国", "马拉维"]),
    p("Malaysia", &["Malaysia"], &["马来西亚"]),
    p("Maldives", &["Maldives", "Republic of Maldives"], &["马尔代夫共和国", "马尔代夫"]),
    p("Mali", &["Mali", "Republic of Mali"], &["马里共和国", "马里"]),
    p("Malta", &["Malta", "Republic of Malta"], &["马耳他共和国", "马耳他"]),
    p("Marshall Islands", &["Marshall Islands", "Republic of the Marshall Islands"], &["马绍尔群岛共和国", "马绍尔群岛"]),
    p("Mauritania", &["Mauritania", "Islamic Republic of Mauritania"], &["毛里塔尼亚伊斯兰共和国", "毛里塔尼亚"]),
    p("Mauritius", &["Mauritius", "Republic of Mauritius"], &["毛里求斯共和国", "毛里求斯"]),
    p("Mexico", &["Mexico", "United Mexican States"], &["墨西哥合众国", "墨西哥"]),
    p("Micronesia", &["Micronesia", "Federated States of Micronesia"], &["密克罗尼西亚联邦", "密克罗尼西亚"]),
    p("Moldova", &["Moldova", "Republic of Moldova"], &["摩尔多瓦共和国", "摩尔多瓦"]),
    p("Monaco", &["Monaco", "Principality of Monaco"], &["摩纳哥公国", "摩纳哥"]),
    p("Mongolia", &["Mongolia"], &["蒙古国", "蒙古"]),
    p("Montenegro", &["Montenegro"], &["黑山共和国", "黑山"]),
    p("Morocco", &["Morocco", "Kingdom of Morocco"], &["摩洛哥王国", "摩洛哥"]),
    p("Mozambique", &["Mozambique", "Republic of Mozambique"], &["莫桑比克共和国", "莫桑比克"]),
    p("Myanmar", &["Myanmar", "Republic of the Union of Myanmar", "Burma"], &["缅甸联邦共和国", "缅甸"]),
    p("Namibia", &["Namibia", "Republic of Namibia"], &["纳米比亚共和国", "纳米比亚"]),
    p("Nauru", &["Nauru", "Republic of Nauru"], &["瑙鲁共和国", "瑙鲁"]),
    p("Nepal", &["Nepal", "Federal Democratic Republic of Nepal"], &["尼泊尔联邦民主共和国", "尼泊尔"]),
    p("Netherlands", &["Netherlands", "Kingdom of the Netherlands", "Holland"], &["荷兰王国", "荷兰"]),
    p("New Zealand", &["New Zealand"], &["新西兰", "紐西蘭"]),
    p("Nicaragua", &["Nicaragua", "Republic of Nicaragua"], &["尼加拉瓜共和国", "尼加拉瓜"]),
    p("Niger", &["Niger", "Republic of the Niger", "Republic of Niger"], &["尼日尔共和国", "尼日尔"]),
    p("Nigeria", &["Nigeria", "Federal Republic of Nigeria"], &["尼日利亚联邦共和国", "尼日利亚"]),
    p("North Macedonia", &["North Macedonia", "Republic of North Macedonia", "Macedonia"], &["北马其顿共和国", "北马其顿", "马其顿"]),
    p("Norway", &["Norway", "Kingdom of Norway"], &["挪威王国", "挪威"]),
    p("Oman", &["Oman", "Sultanate of Oman"], &["阿曼苏丹国", "阿曼"]),
    p("Pakistan", &["Pakistan", "Islamic Republic of Pakistan"], &["巴基斯坦伊斯兰共和国", "巴基斯坦"]),
    p("Palau", &["Palau", "Republic of Palau"], &["帕劳共和国", "帕劳"]),
    p("Panama", &["Panama", "Republic of Panama"], &["巴拿马共和国", "巴拿马"]),
    p("Papua New Guinea", &["Papua New Guinea", "Independent State of Papua New Guinea"], &["巴布亚新几内亚独立国", "巴布亚新几内亚"]),
    p("Paraguay", &["Paraguay", "Republic of Paraguay"], &["巴拉圭共和国", "巴拉圭"]),
    p("Peru", &["Peru", "Republic of Peru"], &["秘鲁共和国", "秘鲁"]),
    p("Philippines", &["Philippines", "Republic of the Philippines"], &["菲律宾共和国", "菲律宾"]),
    p("Poland", &["Poland", "Republic of Poland"], &["波兰共和国", "波兰"]),
    p("Portugal", &["Portugal", "Portuguese Republic"], &["葡萄牙共和国", "葡萄牙"]),
    p("Qatar", &["Qatar", "State of Qatar"], &["卡塔尔国", "卡塔尔"]),
    p("South Korea", &["South Korea", "Republic of Korea", "ROK", "R.O.K."], &["大韩民国", "韩国", "南韩"]),
    p("Romania", &["Romania"], &["罗马尼亚"]),
    p("Russia", &["Russia", "Russian Federation"], &["俄罗斯联邦", "俄罗斯", "俄国"]),
    p("Rwanda", &["Rwanda", "Republic of Rwanda"], &["卢旺达共和国", "卢旺达"]),
    p("Saint Kitts and Nevis", &["Saint Kitts and Nevis", "St. Kitts and Nevis", "St Kitts and Nevis", "Federation of Saint Kitts and Nevis"], &["圣基茨和尼维斯联邦", "圣基茨和尼维斯"]),
    p("Saint Lucia", &["Saint Lucia", "St. Lucia", "St Lucia"], &["圣卢西亚"]),
    p("Saint Vincent and the Grenadines", &["Saint Vincent and the Grenadines", "St. Vincent and the Grenadines", "St Vincent and the Grenadines"], &["圣文森特和格林纳丁斯"]),
    p("Samoa", &["Samoa", "Independent State of Samoa"], &["萨摩亚独立国", "萨摩亚"]),
    p("San Marino", &["San Marino", "Republic of San Marino"], &["圣马力诺共和国", "圣马力诺"]),
    p("São Tomé and Príncipe", &["São Tomé and Príncipe", "Sao Tome and Principe", "Democratic Republic of São Tomé and Príncipe", "Democratic Republic of Sao Tome and Principe"], &["圣多美和普林西比民主共和国", "圣多美和普林西比"]),
    p("Saudi Arabia", &["Saudi Arabia", "Kingdom of Saudi Arabia"], &["沙特阿拉伯王国", "沙特阿拉伯", "沙特", "沙烏地阿拉伯"]),
    p("Senegal", &["Senegal", "Republic of Senegal"], &["塞内加尔共和国", "塞内加尔"]),
    p("Serbia", &["Serbia", "Republic of Serbia"], &["塞尔维亚共和国", "塞尔维亚"]),
    p("Seychelles", &["Seychelles", "Republic of Seychelles"], &["塞舌尔共和国", "塞舌尔"]),
    p("Sierra Leone", &["Sierra Leone", "Republic of Sierra Leone"], &["塞拉利昂共和国", "塞拉利昂"]),
    p("Singapore", &["Singapore", "Republic of Singapore"], &["新加坡共和国", "新加坡"]),
    p("Slovakia", &["Slovakia", "Slovak Republic"], &["斯洛伐克共和国", "斯洛伐克"]),
    p("Slovenia", &["Slovenia", "Republic of Slovenia"], &["斯洛文尼亚共和国", "斯洛文尼亚"]),
    p("Solomon Islands", &["Solomon Islands"], &["所罗门群岛"]),
    p("Somalia", &["Somalia", "Federal Republic of Somalia"], &["索马里联邦共和国", "索马里"]),
    p("South Africa", &["South Africa", "Republic of South Africa"], &["南非共和国", "南非"]),
    p("South Sudan", &["South Sudan", "Republic of South Sudan"], &["南苏丹共和国", "南苏丹"]),
    p("Spain", &["Spain", "Kingdom of Spain"], &["西班牙王国", "西班牙"]),
    p("Sri Lanka", &["Sri Lanka", "Democratic Socialist Republic of Sri Lanka"], &["斯里兰卡民主社会主义共和国", "斯里兰卡"]),
    p("Sudan", &["Sudan", "Republic of the Sudan", "Republic of Sudan"], &["苏丹共和国", "苏丹"]),
    p("Suriname", &["Suriname", "Republic of Suriname"], &["苏里南共和国", "苏里南"]),
    p("Sweden", &["Sweden", "Kingdom of Sweden"], &["瑞典王国", "瑞典"]),
    p("Switzerland", &["Switzerland", "Swiss Confederation"], &["瑞士联邦", "瑞士"]),
    p("Syria", &["Syria", "Syrian Arab Republic"], &["阿拉伯叙利亚共和国", "叙利亚"]),
    p("Tajikistan", &["Tajikistan", "Republic of Tajikistan"], &["塔吉克斯坦共和国", "塔吉克斯坦"]),
    p("Thailand", &["Thailand", "Kingdom of Thailand"], &["泰王国", "泰国"]),
    p("Timor-Leste", &["Timor-Leste", "Democratic Republic of Timor-Leste", "East Timor"], &["东帝汶民主共和国", "东帝汶"]),
    p("Togo", &["Togo", "Togolese Republic"], &["多哥共和国", "多哥"]),
    p("Tonga", &["Tonga", "Kingdom of Tonga"], &["汤加王国", "汤加"]),
    p("Trinidad and Tobago", &["Trinidad and Tobago", "Republic of Trinidad and Tobago"], &["特立尼达和多巴哥共和国", "特立尼达和多巴哥"]),
    p("Tunisia", &["Tunisia", "Republic of Tunisia"], &["突尼斯共和国", "突尼斯"]),
    p("Türkiye", &["Türkiye", "Turkiye", "Turkey", "Republic of Türkiye", "Republic of Turkiye", "Republic of Turkey"], &["土耳其共和国", "土耳其"]),
    p("Turkmenistan", &["Turkmenistan"], &["土库曼斯坦"]),
    p("Tuvalu", &["Tuvalu"], &["图瓦卢"]),
    p("Uganda", &["Uganda", "Republic of Uganda"], &["乌干达共和国", "乌干达"]),
    p("Ukraine", &["Ukraine"], &["乌克兰"]),
    p("United Arab Emirates", &["United Arab Emirates", "UAE", "U.A.E."], &["阿拉伯联合酋长国", "阿联酋"]),
    p("United Kingdom", &["United Kingdom", "United Kingdom of Great Britain and Northern Ireland", "UK", "U.K.", "Great Britain", "Britain"], &["大不列颠及北爱尔兰联合王国", "大不列颠", "英国"]),
    p("Tanzania", &["Tanzania", "United Republic of Tanzania"], &["坦桑尼亚联合共和国", "坦桑尼亚"]),
    p("United States", &["United States", "United States of America", "USA", "U.S.A.", "US", "U.S."], &["美利坚合众国", "美国"]),
    p("Uruguay", &["Uruguay", "Oriental Republic of Uruguay", "Eastern Republic of Uruguay"], &["乌拉圭东岸共和国", "乌拉圭"]),
    p("Uzbekistan", &["Uzbekistan", "Republic of Uzbekistan"], &["乌兹别克斯坦共和国", "乌兹别克斯坦"]),
    p("Vanuatu", &["Vanuatu", "Republic of Vanuatu"], &["瓦努阿图共和国", "瓦努阿图"]),
    p("Venezuela", &["Venezuela", "Bolivarian Republic of Venezuela"], &["委内瑞拉玻利瓦尔共和国", "委内瑞拉"]),
    p("Vietnam", &["Vietnam", "Viet Nam", "Socialist Republic of Vietnam", "Socialist Republic of Viet Nam"], &["越南社会主义共和国", "越南"]),
    p("Yemen", &["Yemen", "Republic of Yemen"], &["也门共和国", "也门"]),
    p("Zambia", &["Zambia", "Republic of Zambia"], &["赞比亚共和国", "赞比亚"]),
    p("Zimbabwe", &["Zimbabwe", "Republic of Zimbabwe"], &["津巴布韦共和国", "津巴布韦"]),
    // Observer states and territories that sign agreements in their own name.
    p("Holy See", &["Holy See", "Vatican", "Vatican City", "Vatican City State"], &["梵蒂冈城国", "梵蒂冈", "罗马教廷", "教廷"]),
    p("Palestine", &["Palestine", "State of Palestine"], &["巴勒斯坦国", "巴勒斯坦"]),
    p("Hong Kong", &["Hong Kong", "Hong Kong SAR", "Hong Kong Special Administrative Region", "HKSAR"], &["香港特别行政区", "香港特区", "香港"]),
    p("Macao", &["Macao", "Macau", "Macao SAR", "Macau SAR", "Macao Special Administrative Region", "Macau Special Administrative Region"], &["澳门特别行政区", "澳门特区", "澳门"]),
    p("Taiwan", &["Taiwan", "Chinese Taipei"], &["台湾", "臺灣", "台灣", "中华台北"]),
    // International organisations.
    p("United Nations", &["United Nations", "UN", "U.N.", "UNO"], &["联合国"]),
    p("European Union", &["European Union", "EU", "E.U."], &["欧洲联盟", "欧盟"]),
    p("ASEAN", &["ASEAN", "Association of Southeast Asian Nations", "Association of South-East Asian Nations", "Association of South East Asian Nations"], &["东南亚国家联盟", "东盟"]),
    p("African Union", &["African Union"], &["非洲联盟", "非盟"]),
    p("Arab League", &["Arab League", "League of Arab States"], &["阿拉伯国家联盟", "阿盟"]),
    p("Gulf Cooperation Council", &["Gulf Cooperation Council", "Cooperation Council for the Arab States of the Gulf", "GCC"], &["海湾阿拉伯国家合作委员会", "海湾合作委员会", "海合会"]),
    p("Shanghai Cooperation Organisation", &["Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", "SCO"], &["上海合作组织", "上合组织"]),
    p("BRICS", &["BRICS"], &["金砖国家"]),
    p("NATO", &["NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"], &["北大西洋公约组织", "北约"]),
    p("Commonwealth of Independent States", &["Commonwealth of Independent States", "CIS"], &["独立国家联合体", "独联体"]),
    p("Eurasian Economic Union", &["Eurasian Economic Union", "EAEU"], &["欧亚经济联盟"]),
    p("CELAC", &["CELAC", "Community of Latin American and Caribbean States"], &["拉丁美洲和加勒比国家共同体", "拉美和加勒比国家共同体", "拉共体"]),
    p("World Trade Organization", &["World Trade Organization", "World Trade Organisation", "WTO"], &["世界贸易组织", "世贸组织"]),
];

/// International organisations in the table: parties when a title or a signature block names
/// them, but usually only mentioned in the body (cooperation *within* the SCO).
pub const ORGANIZATIONS: &[&str] = &[
    "United Nations",
    "European Union",
    "ASEAN",
    "African Union",
    "Arab League",
    "Gulf Cooperation Council",
    "Shanghai Cooperation Organisation",
    "BRICS",
    "NATO",
    "Commonwealth of Independent States",
    "Eurasian Economic Union",
    "CELAC",
    "World Trade Organization",
];

/// "X方" ("the X side"), how joint statements refer to the parties after naming them once. Only
/// parties whose one-character abbreviation is unambiguous are listed (乌方 and 新方 are not).
const SIDE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("中方", "China"),
    ("俄方", "Russia"),
    ("美方", "United States"),
    ("白方", "Belarus"),
    ("英方", "United Kingdom"),
    ("法方", "France"),
    ("日方", "Japan"),
    ("韩方", "South Korea"),
    ("朝方", "North Korea"),
    ("德方", "Germany"),
    ("印方", "India"),
    ("巴方", "Pakistan"),
    ("越方", "Vietnam"),
    ("老方", "Laos"),
    ("柬方", "Cambodia"),
    ("泰方", "Thailand"),
    ("蒙方", "Mongolia"),
    ("哈方", "Kazakhstan"),
    ("澳方", "Australia"),
];

/// A character after "X方" that makes 方 the start of a word (方面, 方式, 方法, 方向…), as in
/// 道德方面 or 朝方向: then it is not an abbreviation.
const SIDE_NOT_BEFORE: &str = "面式法向案针便位形言圆程略剂子块格寸阵舟才知";
/// A character before "X方" that makes X the end of a word (其中, 集中, 空白, 完美, 今日…).
const SIDE_NOT_AFTER: &str = "其集居适折空命击道打超尾每节办立宪司执依用完今昨明";

/// Place names that contain a party's name but are not that party. They are matched like
/// spellings and then dropped, so that leftmost-longest matching consumes them.
const NOT_PARTIES: &[&str] = &[
    "Northern Ireland",
    "New Guinea",
    "New Mexico",
    "American Samoa",
    "Niger Delta",
    "Niger River",
    "Congo River",
    "Congo Basin",
    "Jordan River",
    "South China Sea",
    "East China Sea",
    "Gulf of Guinea",
    "内蒙古",
    "蒙古族",
    "印度洋",
    "北爱尔兰",
    "新几内亚",
    "朝鲜半岛",
    "朝鲜族",
    "约旦河",
    "几内亚湾",
    "孟加拉湾",
    "南中国海",
    "苏丹陛下",
];

/// Simplified characters used in the table whose traditional form differs. Characters not
/// listed are the same in both scripts.
#[rustfmt::skip]
const SIMPLIFIED_TO_TRADITIONAL: &[(char, char)] = &[
    ('东', '東'), ('义', '義'), ('乌', '烏'), ('买', '買'), ('亚', '亞'), ('众', '眾'), ('会', '會'), ('伦', '倫'), ('体', '體'), ('兰', '蘭'), ('兹', '茲'), ('内', '內'),
    ('冈', '岡'), ('几', '幾'), ('刚', '剛'), ('别', '別'), ('劳', '勞'), ('区', '區'), ('华', '華'), ('卢', '盧'), ('叙', '敘'), ('员', '員'), ('国', '國'), ('图', '圖'),
    ('圣', '聖'), ('坚', '堅'), ('奥', '奧'), ('宁', '寧'), ('宾', '賓'), ('尔', '爾'), ('岛', '島'), ('库', '庫'), ('挝', '撾'), ('时', '時'), ('来', '來'), ('欧', '歐'),
    ('汤', '湯'), ('济', '濟'), ('湾', '灣'), ('爱', '愛'), ('独', '獨'), ('砖', '磚'), ('约', '約'), ('纳', '納'), ('组', '組'), ('织', '織'), ('绍', '紹'), ('经', '經'),
    ('维', '維'), ('缅', '緬'), ('罗', '羅'), ('联', '聯'), ('脱', '脫'), ('腊', '臘'), ('苏', '蘇'), ('莱', '萊'), ('萨', '薩'), ('诺', '諾'), ('贝', '貝'), ('贸', '貿'),
    ('赞', '贊'), ('达', '達'), ('长', '長'), ('门', '門'), ('韦', '韋'), ('韩', '韓'), ('顿', '頓'), ('颠', '顛'), ('马', '馬'), ('鲁', '魯'), ('鲜', '鮮'), ('麦', '麥'),
];

/// What a spelling stands for once matched.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Party(&'static str),
    /// "中方": needs its neighbours checked, see [`SIDE_NOT_BEFORE`].
    Side(&'static str),
    NotParty,
}

struct Spelling {
    /// Folded with [`fold`]: lower case, one space for any run of spaces or hyphens.
    folded: Vec<char>,
    /// The same, keeping case, for acronyms that must match exactly ("US" is not "us").
    cased: Vec<char>,
    exact_case: bool,
    target: Target,
}

impl Spelling {
    fn new(text: &str, target: Target) -> Spelling {
        let fold_all = |keep_case| {
            let mut out: Vec<char> = Vec::with_capacity(text.len());
            for c in text.chars().map(|c| fold(c, keep_case)) {
                if !(c == ' ' && out.last() == Some(&' ')) {
                    out.push(c);
                }
            }
            out
        };
        Spelling {
            folded: fold_all(false),
            cased: fold_all(true),
            exact_case: text.chars().any(|c| c.is_ascii_uppercase())
                && !text.chars().any(|c| c.is_lowercase()),
            target,
        }
    }

    /// Whether English word boundaries apply at the start and the end.
    fn ascii_ends(&self) -> (bool, bool) {
        let word = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        (word(self.folded.first()), word(self.folded.last()))
    }
}

/// Makes spellings and text comparable: case, apostrophes, hyphens and full-width brackets vary
/// between sources without changing the name.
fn fold(c: char, keep_case: bool) -> char {
    match c {
        '-' | '\u{2010}' | '\u{2011}' => ' ',
        c if c.is_whitespace() => ' ',
        '\u{2018}' | '\u{2019}' | '`' => '\'',
        '（' => '(',
        '）' => ')',
        c if keep_case => c,
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

fn traditional(simplified: &str) -> String {
    simplified
        .chars()
        .map(|c| {
            SIMPLIFIED_TO_TRADITIONAL
                .iter()
                .find(|&&(s, _)| s == c)
                .map_or(c, |&(_, t)| t)
        })
        .collect()
}

/// All spellings, indexed by their first folded character and longest first, so the first
/// candidate that fits at a position is the leftmost-longest match.
struct Matcher {
    by_first: HashMap<char, Vec<Spelling>>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(Matcher::build);

/// How strictly a spelling must fit the text around it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Searching running text: acronyms keep their case, names start with a capital, and
    /// "X方" is checked against its neighbours.
    Text,
    /// Normalising a name the caller already isolated: any case, no context.
    Name,
}

impl Matcher {
    fn build() -> Matcher {
        let mut spellings: Vec<Spelling> = Vec::new();
        let mut add = |text: &str, target| spellings.push(Spelling::new(text, target));
        for party in PARTIES {
            for &english in party.english {
                add(english, Target::Party(party.name));
            }
            for &chinese in party.chinese {
                add(chinese, Target::Party(party.name));
                add(&traditional(chinese), Target::Party(party.name));
            }
        }
        for &(side, name) in SIDE_ABBREVIATIONS {
            add(side, Target::Side(name));
            add(&traditional(side), Target::Side(name));
        }
        for &not_party in NOT_PARTIES {
            add(not_party, Target::NotParty);
            add(&traditional(not_party), Target::NotParty);
        }
        let mut by_first: HashMap<char, Vec<Spelling>> = HashMap::new();
        for spelling in spellings {
            if let Some(&first) = spelling.folded.first() {
                let bucket = by_first.entry(first).or_default();
                if !bucket.iter().any(|s| s.cased == spelling.cased) {
                    bucket.push(spelling);
                }
            }
        }
        for bucket in by_first.values_mut() {
            bucket.sort_by_key(|s| std::cmp::Reverse(s.folded.len()));
        }
        Matcher { by_first }
    }

    /// Candidate spellings for text starting at `at`, longest first.
    fn candidates(&self, text: &str, at: usize) -> &[Spelling] {
        text[at..]
            .chars()
            .next()
            .and_then(|c| self.by_first.get(&fold(c, false)))
            .map_or(&[], Vec::as_slice)
    }

    /// The end of `spelling` if it is written at `at`, ignoring context.
    fn fits(text: &str, at: usize, spelling: &Spelling, mode: Mode) -> Option<usize> {
        let exact = spelling.exact_case && mode == Mode::Text;
        let want = if exact {
            &spelling.cased
        } else {
            &spelling.folded
        };
        let mut chars = text[at..].char_indices().peekable();
        for &w in want {
            let (_, c) = chars.next()?;
            let got = fold(c, exact);
            if got != w {
                return None;
            }
            if w == ' ' {
                while chars.next_if(|&(_, c)| fold(c, true) == ' ').is_some() {}
            }
        }
        Some(chars.peek().map_or(text.len(), |&(i, _)| at + i))
    }

    /// Whether a match of `spelling` over `[start, end)` reads as a name in running text.
    fn in_context(text: &str, start: usize, end: usize, spelling: &Spelling) -> bool {
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let (ascii_start, ascii_end) = spelling.ascii_ends();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if (ascii_start && word(before)) || (ascii_end && word(after)) {
            return false;
        }
        // Lower case "china", "turkey" or "chad" are the common nouns, not the countries.
        if ascii_start && text[start..].chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        if let Target::Side(_) = spelling.target {
            let blocks = |set: &str, c: Option<char>| c.is_some_and(|c| set.contains(c));
            if blocks(SIDE_NOT_BEFORE, after) || blocks(SIDE_NOT_AFTER, before) {
                return false;
            }
        }
        true
    }

    /// The leftmost-longest spelling at `at` that fits its context, with where it ends.
    fn longest_at(&self, text: &str, at: usize) -> Option<(Target, usize)> {
        self.candidates(text, at).iter().find_map(|s| {
            let end = Self::fits(text, at, s, Mode::Text)?;
            Self::in_context(text, at, end, s).then_some((s.target, end))
        })
    }

    /// What `name` as a whole spells.
    fn whole(&self, name: &str) -> Option<Target> {
        self.candidates(name, 0)
            .iter()
            .find(|s| Self::fits(name, 0, s, Mode::Name) == Some(name.len()))
            .map(|s| s.target)
    }
}

/// Normalized party names (English short names: "China", "Belarus", "United States", "Russia",
/// "United Kingdom", "European Union", "ASEAN", "United Nations"…) mentioned in `text`, in
/// order of first mention, without duplicates.
///
/// Matching is leftmost-longest, so 白俄罗斯共和国 is Belarus and not Russia, and "Democratic
/// People's Republic of Korea" is North Korea. English names must stand on ASCII word
/// boundaries ("Chinese" is not China, "China's" is) and start with a capital; acronyms such as
/// "US" or "UN" must be written in capitals.
pub fn find_parties(text: &str) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        match MATCHER.longest_at(text, at) {
            Some((target, end)) => {
                if let Target::Party(name) | Target::Side(name) = target
                    && !found.contains(&name)
                {
                    found.push(name);
                }
                at = end;
            }
            None => at += c.len_utf8(),
        }
    }
    found
}

/// The normalized name for one spelling, if known: "中华人民共和国" → "China", "People's
/// Republic of China" → "China", "the Republic of Belarus" → "Belarus", "Belarus's" →
/// "Belarus", "白俄罗斯" → "Belarus", "中方" → "China". Case-insensitive for English.
pub fn normalize_party(name: &str) -> Option<&'static str> {
    let mut name = name.trim();
    if let Some(head) = name.get(..4)
        && head.eq_ignore_ascii_case("the ")
    {
        name = name[4..].trim_start();
    }
    for possessive in ["'s", "’s", "'", "’"] {
        if let Some(stem) = name.strip_suffix(possessive) {
            name = stem;
            break;
        }
    }
    match MATCHER.whole(name)? {
        Target::Party(name) | Target::Side(name) => Some(name),
        Target::NotParty => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_parties_in_order_once() {
        let cases: &[(&str, &[&str])] = &[
            (
                "中华人民共和国和白俄罗斯共和国联合声明",
                &["China", "Belarus"],
            ),
            ("白俄罗斯共和国", &["Belarus"]),
            ("中华人民共和国", &["China"]),
            ("中國和白俄羅斯", &["China", "Belarus"]),
            ("中華人民共和國與俄羅斯聯邦", &["China", "Russia"]),
            ("美利坚合众国、美国、美國", &["United States"]),
            ("英国和英國", &["United Kingdom"]),
            ("中方愿同白方一道。中方", &["China", "Belarus"]),
            (
                "俄方、美方、日方、韩方、朝方、澳方",
                &[
                    "Russia",
                    "United States",
                    "Japan",
                    "South Korea",
                    "North Korea",
                    "Australia",
                ],
            ),
            ("中国共产党", &["China"]),
            ("几内亚比绍", &["Guinea-Bissau"]),
            (
                "几内亚、赤道几内亚、巴布亚新几内亚",
                &["Guinea", "Equatorial Guinea", "Papua New Guinea"],
            ),
            ("印度尼西亚和印度", &["Indonesia", "India"]),
            ("尼日尔与尼日利亚", &["Niger", "Nigeria"]),
            ("多米尼克和多米尼加", &["Dominica", "Dominican Republic"]),
            (
                "刚果（金）和刚果（布）",
                &["Democratic Republic of the Congo", "Republic of the Congo"],
            ),
            (
                "刚果民主共和国、刚果共和国",
                &["Democratic Republic of the Congo", "Republic of the Congo"],
            ),
            ("苏丹和南苏丹", &["Sudan", "South Sudan"]),
            ("索马里", &["Somalia"]),
            ("马里", &["Mali"]),
            ("阿曼苏丹国", &["Oman"]),
            ("中非合作论坛", &[]),
            ("内蒙古自治区", &[]),
            ("朝鲜半岛无核化", &[]),
            (
                "中国—东盟、欧盟、联合国",
                &["China", "ASEAN", "European Union", "United Nations"],
            ),
            ("香港特别行政区和澳门", &["Hong Kong", "Macao"]),
            (
                "The People's Republic of China and the Republic of Belarus",
                &["China", "Belarus"],
            ),
            ("THE PEOPLE’S REPUBLIC OF CHINA", &["China"]),
            ("People's Republic\nof China", &["China"]),
            (
                "Democratic People's Republic of Korea and Republic of Korea",
                &["North Korea", "South Korea"],
            ),
            ("Niger and Nigeria", &["Niger", "Nigeria"]),
            (
                "Dominica, Dominican Republic",
                &["Dominica", "Dominican Republic"],
            ),
            ("Sudan, South Sudan", &["Sudan", "South Sudan"]),
            ("Guinea-Bissau and Guinea Bissau", &["Guinea-Bissau"]),
            (
                "Democratic Republic of the Congo; Republic of the Congo",
                &["Democratic Republic of the Congo", "Republic of the Congo"],
            ),
            (
                "China's position; Belarus's position",
                &["China", "Belarus"],
            ),
            (
                "the U.S. and the UK; the USA",
                &["United States", "United Kingdom"],
            ),
            (
                "United Kingdom of Great Britain and Northern Ireland",
                &["United Kingdom"],
            ),
            (
                "Russian Federation, Türkiye, Turkey",
                &["Russia", "Türkiye"],
            ),
            ("Côte d'Ivoire, Cote d’Ivoire", &["Côte d'Ivoire"]),
            ("Chinese, Omani, Malian, Nigerian, Romania", &["Romania"]),
            ("fine china, a roast turkey, let us go, un", &[]),
            ("South China Sea", &[]),
            ("", &[]),
        ];
        for &(text, want) in cases {
            assert_eq!(find_parties(text), want, "{text:?}");
        }
    }

    #[test]
    fn side_abbreviations_need_their_own_context() {
        let cases: &[(&str, &[&str])] = &[
            ("中方", &["China"]),
            ("双方同意。俄方表示", &["Russia"]),
            ("在道德方面", &[]),
            ("其中方案", &[]),
            ("集中方式", &[]),
            ("老方法", &[]),
            ("朝方向前进", &[]),
            ("乌方", &[]),
            ("新方", &[]),
            ("法", &[]),
            ("中", &[]),
        ];
        for &(text, want) in cases {
            assert_eq!(find_parties(text), want, "{text:?}");
        }
    }

    #[test]
    fn normalizes_one_name() {
        let cases: &[(&str, Option<&str>)] = &[
            ("中华人民共和国", Some("China")),
            ("People's Republic of China", Some("China")),
            ("the Republic of Belarus", Some("Belarus")),
            ("Belarus", Some("Belarus")),
            ("BELARUS", Some("Belarus")),
            ("belarus", Some("Belarus")),
            ("Belarus's", Some("Belarus")),
            ("白俄罗斯", Some("Belarus")),
            ("白俄羅斯", Some("Belarus")),
            ("美利坚合众国", Some("United States")),
            ("United States of America", Some("United States")),
            ("u.s.", Some("United States")),
            ("Great Britain", Some("United Kingdom")),
            ("the Russian Federation", Some("Russia")),
            ("Ivory Coast", Some("Côte d'Ivoire")),
            ("Guinea Bissau", Some("Guinea-Bissau")),
            ("刚果(金)", Some("Democratic Republic of the Congo")),
            ("中方", Some("China")),
            ("  Viet Nam ", Some("Vietnam")),
            ("", None),
            ("the", None),
            ("Chinese", None),
            ("China Sea", None),
            ("Republic", None),
            ("俄", None),
            ("内蒙古", None),
            ("Northern Ireland", None),
            ("Atlantis", None),
        ];
        for &(name, want) in cases {
            assert_eq!(normalize_party(name), want, "{name:?}");
        }
    }

    #[test]
    fn table_covers_the_un_and_is_consistent() {
        let mut names: Vec<&str> = PARTIES.iter().map(|p| p.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PARTIES.len(), "duplicate party names");
        assert!(PARTIES.len() >= 193 + 5, "{}", PARTIES.len());
        for party in PARTIES {
            assert!(
                !party.chinese.is_empty(),
                "{} has no Chinese name",
                party.name
            );
            for &spelling in party.english.iter().chain(party.chinese) {
                assert_eq!(normalize_party(spelling), Some(party.name), "{spelling}");
            }
            assert_eq!(normalize_party(party.name), Some(party.name));
        }
        for &(side, name) in SIDE_ABBREVIATIONS {
            assert!(names.contains(&name), "{side} → {name}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let sample = "İstanbul ǅ ﬃ 中华人民共和国\u{301}和Belarus’s 𠀀 U.S.\u{0} 刚果（";
        let boundaries: Vec<usize> = sample
            .char_indices()
            .map(|(i, _)| i)
            .chain([sample.len()])
            .collect();
        for &a in &boundaries {
            for &b in boundaries.iter().filter(|&&b| b >= a) {
                let _ = find_parties(&sample[a..b]);
                let _ = normalize_party(&sample[a..b]);
            }
        }
    }
}
