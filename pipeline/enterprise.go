package pipeline

import (
	"strings"
	"unicode"
)

// Enterprise is one row of 企业名录.
type Enterprise struct {
	USCC     string // normalized
	Name     string
	District string
	Status   string
	Group    string
	Bank     string
	Account  string // as written; see BankProblem
	// AccountFromNumber is set when 银行账号 was read from a number cell:
	// Excel keeps 15 significant digits, so its digits cannot be trusted.
	AccountFromNumber bool
	Origin            Origin
}

// activePrefixes mark a business status that may be paid (SPEC §2).
var activePrefixes = []string{"存续", "在业", "在营", "开业"}

// Active reports whether the business status is 存续/在业/在营/开业.
func (e *Enterprise) Active() bool {
	s := Narrow(e.Status)
	for _, p := range activePrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// InJurisdiction reports whether the registered district, spaces removed
// and width folded, equals or ends with one of the jurisdiction names
// (SPEC §2: 杭州市滨江区 is in 滨江区, 杭州高新区（滨江） in 高新区(滨江)).
func (e *Enterprise) InJurisdiction(names []string) bool {
	d := noSpaces(e.District)
	for _, name := range names {
		if j := noSpaces(name); j != "" && strings.HasSuffix(d, j) {
			return true
		}
	}
	return false
}

// noSpaces folds width and removes every white space.
func noSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, Narrow(s))
}

// Registry is the enterprise side of the inputs: 企业名录, 关联关系 and
// 评审结果 of enterprises.xlsx.
type Registry struct {
	Enterprises map[string]*Enterprise // by USCC
	// Affiliated holds both directions of every listed pair, keyed by
	// pairKey(a, b).
	Affiliated map[string]bool
	Reviews    map[ReviewKey]ReviewRow
}

// NewRegistry returns an empty registry ready to be filled.
func NewRegistry() *Registry {
	return &Registry{
		Enterprises: map[string]*Enterprise{},
		Affiliated:  map[string]bool{},
		Reviews:     map[ReviewKey]ReviewRow{},
	}
}

// AddAffiliation records a pair as affiliated in both directions.
func (r *Registry) AddAffiliation(a, b string) {
	r.Affiliated[pairKey(a, b)] = true
	r.Affiliated[pairKey(b, a)] = true
}

func pairKey(a, b string) string { return a + "|" + b }

// Affiliates reports whether seller is the buyer itself, a listed related
// party of it, or in the same non-empty group (SPEC §4 AFFILIATED_SELLER).
func (r *Registry) Affiliates(buyer, seller string) bool {
	if buyer == seller || r.Affiliated[pairKey(buyer, seller)] {
		return true
	}
	b, s := r.Enterprises[buyer], r.Enterprises[seller]
	if b == nil || s == nil {
		return false
	}
	g := Narrow(b.Group)
	return g != "" && g == Narrow(s.Group)
}
