package pipeline

import "strings"

// Account lengths a bank batch file accepts, in digits.
const (
	minAccountDigits = 8
	maxAccountDigits = 30
)

// BankAccount is the enterprise's account number as a bank batch file
// takes it: the digits of 银行账号 with spaces and dashes removed.
func (e *Enterprise) BankAccount() string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u3000' || r == '－' {
			return -1
		}
		return r
	}, Narrow(e.Account))
}

// BankProblem says, in Chinese, why the award cannot be paid to the
// enterprise's bank details ("" when they are usable): a missing bank or
// account, an account read from a number cell (whose digits Excel may have
// rounded), or one that is not 8 to 30 digits once spaces and dashes are
// removed. Such an award is held, never put in a bank batch file.
func (e *Enterprise) BankProblem() string {
	acct := e.BankAccount()
	switch {
	case IsBlank(e.Bank) && acct == "":
		return "开户银行和银行账号缺失"
	case IsBlank(e.Bank):
		return "开户银行缺失"
	case acct == "":
		return "银行账号缺失"
	case e.AccountFromNumber:
		return "银行账号以数字格式录入，位数可能已丢失，请以文本格式重新录入"
	}
	for _, r := range acct {
		if r < '0' || r > '9' {
			return "银行账号含数字以外的字符"
		}
	}
	if n := len(acct); n < minAccountDigits || n > maxAccountDigits {
		return "银行账号位数不在 8 至 30 位之间"
	}
	return ""
}
