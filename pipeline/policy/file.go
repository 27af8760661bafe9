package policy

import (
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// file mirrors the YAML layout of a policy file.
type file struct {
	ID            string              `yaml:"id"`
	Title         string              `yaml:"title"`
	DocumentNo    string              `yaml:"document_no"`
	EffectiveFrom *param              `yaml:"effective_from"`
	EffectiveTo   *param              `yaml:"effective_to"`
	EligibleFrom  *param              `yaml:"eligible_from"` // absent: effective_from
	EligibleTo    *param              `yaml:"eligible_to"`   // absent: effective_to
	Jurisdiction  *namesParam         `yaml:"jurisdiction"`
	Rounding      *rounding           `yaml:"rounding"`
	Bureaus       map[string]string   `yaml:"bureaus"`
	Vouchers      map[string]*voucher `yaml:"vouchers"`
	Notice        *notice             `yaml:"notice"`
}

// notice holds the optional texts of the public notice (SPEC §6).
type notice struct {
	Period    string `yaml:"period"`
	Contact   string `yaml:"contact"`
	Objection string `yaml:"objection"`
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

// namesParam is a parameter whose value is a list of names; a single name
// (the form policy files had before the list) still loads.
type namesParam struct {
	Value       names  `yaml:"value"`
	Reference   string `yaml:"reference"`
	Description string `yaml:"description"`
}

// names reads a YAML sequence of strings or a single string (it serves
// jurisdiction.value, which its errors name).
type names []string

func (n *names) UnmarshalYAML(node *yaml.Node) error {
	var err error
	switch node.Kind {
	case yaml.ScalarNode:
		var s string
		if err = node.Decode(&s); err == nil {
			*n = names{s}
		}
	case yaml.SequenceNode:
		var list []string
		if err = node.Decode(&list); err == nil {
			*n = list
		}
	default:
		err = errors.New("应为一个名称或名称列表")
	}
	if err != nil {
		return fmt.Errorf("jurisdiction.value（第 %d 行）: %w", node.Line, err)
	}
	return nil
}
