package policy

// file mirrors the YAML layout of a policy file.
type file struct {
	ID            string              `yaml:"id"`
	Title         string              `yaml:"title"`
	DocumentNo    string              `yaml:"document_no"`
	EffectiveFrom *param              `yaml:"effective_from"`
	EffectiveTo   *param              `yaml:"effective_to"`
	Jurisdiction  *param              `yaml:"jurisdiction"`
	Rounding      *rounding           `yaml:"rounding"`
	Bureaus       map[string]string   `yaml:"bureaus"`
	Vouchers      map[string]*voucher `yaml:"vouchers"`
}

type rounding struct {
	Unit string `yaml:"unit"`
	Mode string `yaml:"mode"`
}

type voucher struct {
	Name     string            `yaml:"name"`
	Clause   string            `yaml:"clause"`
	Bureau   string            `yaml:"bureau"`
	Rates    map[string]*param `yaml:"rates"`
	Cap      *param            `yaml:"cap"`
	Pool     *param            `yaml:"pool"`
	MinBase  *param            `yaml:"min_base"`
	Purposes *listParam        `yaml:"purposes"`
}

// param is one parameter in the style of OpenFisca's parameter files: a
// value with its unit, the clause it comes from and what it means.
type param struct {
	Value       string `yaml:"value"`
	Unit        string `yaml:"unit"`
	Reference   string `yaml:"reference"`
	Description string `yaml:"description"`
}

type listParam struct {
	Value       []string `yaml:"value"`
	Reference   string   `yaml:"reference"`
	Description string   `yaml:"description"`
}
