package gen

import "strings"

// syllable is one character of a brand name with its pinyin, for filing
// numbers such as Zhejiang-XingLan-20240315.
type syllable struct{ han, pinyin string }

var syllables = []syllable{
	{"星", "Xing"}, {"辰", "Chen"}, {"云", "Yun"}, {"澜", "Lan"}, {"智", "Zhi"},
	{"慧", "Hui"}, {"数", "Shu"}, {"联", "Lian"}, {"海", "Hai"}, {"创", "Chuang"},
	{"思", "Si"}, {"维", "Wei"}, {"睿", "Rui"}, {"博", "Bo"}, {"达", "Da"},
	{"信", "Xin"}, {"安", "An"}, {"恒", "Heng"}, {"泰", "Tai"}, {"华", "Hua"},
	{"宇", "Yu"}, {"航", "Hang"}, {"天", "Tian"}, {"启", "Qi"}, {"明", "Ming"},
	{"远", "Yuan"}, {"鸿", "Hong"}, {"图", "Tu"}, {"灵", "Ling"}, {"犀", "Xi"},
	{"象", "Xiang"}, {"深", "Shen"}, {"极", "Ji"}, {"光", "Guang"}, {"量", "Liang"},
	{"磐", "Pan"}, {"峰", "Feng"}, {"越", "Yue"}, {"钱", "Qian"}, {"塘", "Tang"},
	{"禾", "He"}, {"森", "Sen"}, {"青", "Qing"}, {"蓝", "Lan"}, {"金", "Jin"},
	{"晨", "Chen"}, {"曦", "Xi"}, {"朗", "Lang"}, {"悦", "Yue"}, {"众", "Zhong"},
	{"协", "Xie"}, {"同", "Tong"}, {"新", "Xin"}, {"锐", "Rui"}, {"捷", "Jie"},
	{"迅", "Xun"}, {"驰", "Chi"}, {"翔", "Xiang"}, {"鲲", "Kun"}, {"鹏", "Peng"},
	{"麒", "Qi"}, {"麟", "Lin"}, {"雅", "Ya"}, {"逸", "Yi"}, {"沐", "Mu"},
	{"风", "Feng"}, {"芯", "Xin"}, {"擎", "Qing"}, {"鼎", "Ding"}, {"盛", "Sheng"},
	{"昊", "Hao"}, {"晟", "Sheng"}, {"瀚", "Han"}, {"易", "Yi"}, {"诺", "Nuo"},
	{"卓", "Zhuo"}, {"乐", "Le"}, {"优", "You"}, {"方", "Fang"}, {"泽", "Ze"},
	{"源", "Yuan"}, {"策", "Ce"}, {"微", "Wei"}, {"弈", "Yi"}, {"衡", "Heng"},
	{"京", "Jing"}, {"璞", "Pu"}, {"诚", "Cheng"}, {"知", "Zhi"}, {"行", "Xing"},
	{"墨", "Mo"}, {"岚", "Lan"}, {"萤", "Ying"}, {"溪", "Xi"}, {"若", "Ruo"},
	{"川", "Chuan"}, {"硕", "Shuo"}, {"瑞", "Rui"}, {"燧", "Sui"}, {"舟", "Zhou"},
}

// brand is a 2- or 3-syllable brand name.
type brand struct{ han, pinyin string }

func (r *rnd) brand() brand {
	n := 2
	if r.chance(0.25) {
		n = 3
	}
	var h, p strings.Builder
	last := -1
	for range n {
		i := r.IntN(len(syllables))
		if i == last {
			i = (i + 1) % len(syllables)
		}
		last = i
		h.WriteString(syllables[i].han)
		p.WriteString(syllables[i].pinyin)
	}
	return brand{h.String(), p.String()}
}

// Trades of the enterprises that apply for vouchers, and of the other kinds
// of company in the inputs.
var (
	applicantTrades = []string{"科技", "智能科技", "数据科技", "网络科技", "信息技术",
		"人工智能科技", "软件", "电子科技", "机器人", "数字科技", "智能装备"}
	computeTrades = []string{"云计算", "智算科技", "算力科技", "数据中心", "信息服务"}
	sellerTrades  = []string{"数据科技", "数据服务", "信息技术", "大数据", "数智科技"}
	modelTrades   = []string{"人工智能科技", "智能科技", "网络技术", "信息科技"}
)

// place is where a company is registered: the 注册区域 text and the
// six-digit administrative division of its USCC.
type place struct {
	city, district, division string
}

var (
	binjiang = place{"杭州", "杭州市滨江区", "330108"}
	// officialNames are the zone's names as registries write them; both
	// are inside the jurisdiction (SPEC §2).
	officialNames = []string{"杭州高新区（滨江）", "杭州高新技术产业开发区（滨江）"}
	// nearMisses look like the zone but are not it: OUT_OF_JURISDICTION.
	nearMisses = []string{"高新区", "滨江"}
	// outside are registered elsewhere (OUT_OF_JURISDICTION).
	outside = []place{
		{"杭州", "杭州市西湖区", "330106"},
		{"杭州", "杭州市余杭区", "330110"},
		{"杭州", "杭州市拱墅区", "330105"},
		{"上海", "上海市浦东新区", "310115"},
	}
	// providerPlaces are where compute providers, data sellers and model
	// providers sit; they are never looked up in 企业名录.
	providerPlaces = []place{
		binjiang, outside[0], outside[1], outside[3],
		{"北京", "北京市海淀区", "110108"},
		{"深圳", "深圳市南山区", "440305"},
		{"浙江", "杭州市余杭区", "330110"},
	}
)

// Statuses of 经营状态: the active spellings (SPEC §2) and the inactive ones.
var (
	activeStatuses   = []string{"存续（在营、开业、在册）", "存续（在营、开业、在册）", "存续（在营、开业、在册）", "在业", "开业", "存续"}
	inactiveStatuses = []string{"注销", "吊销，未注销", "迁出", "清算"}
)

// bank is a bank branch with the shape of its account numbers (16 to 19
// digits).
type bank struct {
	name   string
	prefix string
	length int
}

var banks = []bank{
	{"招商银行杭州高新支行", "5719", 16},
	{"中国工商银行杭州高新支行", "120208", 19},
	{"杭州银行科技支行", "330104016", 18},
	{"浙商银行杭州滨江支行", "3310010010", 19},
	{"中国建设银行杭州高新支行", "3305016", 19},
	{"宁波银行杭州滨江支行", "7101", 17},
	{"中国银行杭州滨江支行", "3712", 16},
	{"兴业银行杭州分行营业部", "356880", 18},
}

// Kinds of related party in 关联关系.
var relationTypes = []string{"母子公司", "同一实际控制人", "参股企业", "关联自然人任职"}

// Technology contract service organisations of 创新券 lines.
var institutions = []string{
	"浙江大学", "浙江工业大学", "杭州电子科技大学", "之江实验室", "浙江大学滨江研究院",
	"中国计量大学", "浙江理工大学", "杭州师范大学", "西湖大学", "北京航空航天大学杭州创新研究院",
	"浙江省北大信息技术高等研究院", "中国科学院大学杭州高等研究院",
}

// Venues of corpus contracts (交易平台), and venues that are not recognised.
var (
	tradingPlatforms = []string{"杭州数据交易所", "上海数据交易所", "深圳数据交易所", "北京国际大数据交易所", "贵阳大数据交易所"}
	dataSpaces       = []string{"浙江省可信数据空间", "杭州市城市可信数据空间", "滨江区人工智能产业可信数据空间"}
	venues           = append(append([]string(nil), tradingPlatforms...), dataSpaces...)
	venueWeights     = []int{40, 15, 8, 7, 5, 12, 8, 5}
	badVenues        = []string{"线下直签", "供应商官网直购", "微信群约定", "某数据服务商平台"}
	// venueCodes prefix corpus contract numbers.
	venueCodes = map[string]string{
		"杭州数据交易所": "HZDEX", "上海数据交易所": "SDE", "深圳数据交易所": "SZDE",
		"北京国际大数据交易所": "BJIDEX", "贵阳大数据交易所": "GBDEX",
		"浙江省可信数据空间": "ZJTDS", "杭州市城市可信数据空间": "HZTDS", "滨江区人工智能产业可信数据空间": "BJTDS",
	}
)

// Purposes: accepted ones per voucher (SPEC §2) and plausible wrong ones.
var (
	computePurposes    = []string{"模型研究", "产品开发", "场景应用"}
	modelPurposes      = []string{"模型服务", "智能体开发"}
	badComputePurposes = []string{"日常办公", "网站托管", "视频渲染", "数据备份"}
	badModelPurposes   = []string{"模型研究", "市场推广", "日常办公"}
	badOrigins         = []string{"混合", "国产/非国产", "未知", "待确认"}
)

// Model names by filing type.
var (
	synthesisAlgorithms = []string{"文本生成算法", "图像生成合成算法", "语音合成算法", "视频生成合成算法", "数字人合成算法"}
	generativeModels    = []string{"大模型", "多模态大模型", "行业大模型", "智能体大模型", "代码大模型"}
)

// Review notes (备注) by outcome.
var (
	rejectNotes  = []string{"材料不全", "不符合申报条件", "结算凭证与发票不一致", "存在关联交易"}
	pendingNotes = []string{"补充材料中", "待现场核查", "待专家复审"}
	approveNotes = []string{"材料齐全", "材料齐全", "存在关联交易，已剔除相关合同", "已现场核查"}
)
