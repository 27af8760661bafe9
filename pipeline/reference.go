package pipeline

// Listing is one row of 算力合作伙伴: a provider listed from a date and,
// when it left the list, to a date (both inclusive).
type Listing struct {
	From  Date
	To    Date
	HasTo bool
}

// Covers reports whether the listing includes day d.
func (l Listing) Covers(d Date) bool {
	return d >= l.From && (!l.HasTo || d <= l.To)
}

// Reference holds reference.xlsx: compute partners, registered models and
// recognised trading venues.
type Reference struct {
	Partners map[string][]Listing // by provider USCC
	// Models maps a folded filing number to its filing date (the earliest
	// when a number is filed twice).
	Models map[string]Date
	// Venues holds folded venue names.
	Venues map[string]bool
}

// NewReference returns empty reference lists.
func NewReference() *Reference {
	return &Reference{
		Partners: map[string][]Listing{},
		Models:   map[string]Date{},
		Venues:   map[string]bool{},
	}
}

// PartnerOn reports whether the provider is listed on day d.
func (r *Reference) PartnerOn(uscc string, d Date) bool {
	for _, l := range r.Partners[uscc] {
		if l.Covers(d) {
			return true
		}
	}
	return false
}
