package house

import "testing"

// TestSecret is the one table of what no-secrets-in-examples reports, in
// OpenAPI and AsyncAPI alike: name is the key the value is written under.
func TestSecret(t *testing.T) {
	for _, c := range []struct {
		name, value string
		want        string // what the value looks like; "" for no secret
	}{
		// Live credentials by their form, whatever the name.
		{"", "sk_live_51HqLyjWDarjtT1zdp7dcXYZ", "a live Stripe secret key (sk_live_…)"},
		{"", "rk_live_4eC39HqLyjWDarjtT1zdp7dc", "a live Stripe restricted key (rk_live_…)"},
		{"", "AKIA2E3MZ7QW5RYT4XNB", "an AWS access key ID (AKIA…/ASIA…)"},
		{"", "aws_access_key_id = ASIAJ4VK7QZP3MNX2RWT", "an AWS access key ID (AKIA…/ASIA…)"},
		{"", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "a GitHub token (ghp_…, gho_…, ghu_…, ghs_…, ghr_…)"},
		{"", "gho_16C7e42F292c6912E7710c838347Ae178B4a", "a GitHub token (ghp_…, gho_…, ghu_…, ghs_…, ghr_…)"},
		{"", "github_pat_11ABCDE2Y0kH3vQn8sLm4T_q9WzR7uPd5XcF1gJe6hKb2NtA0oYs8VfLr3Mi", "a GitHub fine-grained token (github_pat_…)"},
		{"", "xoxb-263594206564-FGqddMF8t08v8N7Oq4i57vs1", "a Slack token (xox…)"},
		{"", "xoxp-4702417290-4702417314-6105429862-8b1f3c2a9d", "a Slack token (xox…)"},
		{"", "AIzaSyD8x3QkL0v7Rm2PqT5nWc9Yb4Hj6Fs1EuA", "a Google API key (AIza…)"},
		{"", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow", "a PEM private key"},
		{"", "-----BEGIN OPENSSH PRIVATE KEY-----", "a PEM private key"},
		{"", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n", "a PEM private key"},
		{"", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "a JSON Web Token"},
		{"Authorization", "Bearer 8f3kQz7RmT2vLx9pWn4cYb6H", "a Bearer token"},
		{"", "curl -H 'authorization: bearer a9Zk3QmT7wLp2XvR8nYc'", "a Bearer token"},
		// Credentials by their name: random-looking values.
		{"password", "Tr0ub4dor3xkcd", "a credential (password)"},
		{"client_secret", "8Jv2Qn5Rk9Tz3Lw7", "a credential (client_secret)"},
		{"apiKey", "a83kf92mz0q7w1xv", "a credential (apiKey)"},
		{"X-Api-Key", "a83kf92mz0q7w1xv", "a credential (X-Api-Key)"},
		{"webhookSecret", "whsec_9aK3mZ7qT2vR8nW4", "a credential (webhookSecret)"},
		{"refresh_token", "def50200a1b2c3d4e5f6", "a credential (refresh_token)"},

		// Placeholders: an example that is obviously not a credential.
		{"", "AKIAIOSFODNN7EXAMPLE", ""},                                        // AWS's documented example key
		{"", "sk_test_4eC39HqLyjWDarjtT1zdp7dc", ""},                            // test mode: published, moves no money
		{"", "sk_test_xxx", ""},                                                 // test mode and a mask
		{"", "sk_live_XXXXXXXXXXXXXXXX", ""},                                    // a mask
		{"", "sk_live_0000000000000000", ""},                                    // a run of one character
		{"", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", ""},                    // a mask
		{"", "xoxb-your-token-here", ""},                                        // words, no team number
		{"", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----", ""}, // an elided body
		{"", "eyJ...redacted", ""},                                              // an elided JWT
		{"Authorization", "Bearer <your-token>", ""},                            // a template slot
		{"Authorization", "Bearer {{access_token}}", ""},                        // a template slot
		{"Authorization", "Bearer YOUR_ACCESS_TOKEN", ""},
		{"Authorization", "Bearer mF_9.B5f-4.1JqM", ""},   // RFC 6750's, shorter than generated tokens                       // words, no digits
		{"password", "***", ""},                           // a mask
		{"password", "changeme", ""},                      // the conventional "replace me"
		{"password", "Password123456", ""},                // the archetypal fake
		{"password", "hunter2", ""},                       // too short to tell from a demo value
		{"api_key", "<your-api-key>", ""},                 // a template slot
		{"token", "${TOKEN}", ""},                         // an environment reference
		{"secret", "correct horse battery staple 42", ""}, // prose, not a generated value

		// Names that sound like credentials but are not.
		{"next_page_token", "eyJwYWdlIjoyfQ", ""},
		{"token_type", "Bearer", ""},
		{"secret_name", "prod/db/password2024", ""},
		{"api_key_id", "key_1a2b3c4d5e6f", ""},
		{"tokenUrl", "https://auth.example.com/oauth2/token", ""},
		{"description", "a83kf92mz0q7w1xv", ""}, // random-looking, but nothing says it is a credential

		// Prose about a secret is not one.
		{"", "The key looks like sk_live_ followed by 24 characters", ""},
		{"", "-----BEGIN PUBLIC KEY-----", ""},
		{"", "xAKIA2E3MZ7QW5RYT4XNB", ""},
	} {
		if got := Secret(c.name, c.value); got != c.want {
			t.Errorf("Secret(%q, %q) = %q; want %q", c.name, c.value, got, c.want)
		}
	}
}
