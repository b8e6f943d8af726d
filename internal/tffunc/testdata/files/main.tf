# Configuration the console oracle runs in. terraform_data.u has no state,
# so every reference to it is unknown ("known after apply"), which lets the
# corpus exercise unknown values. The locals are templates for
# templatestring, which only accepts a reference to a string.
resource "terraform_data" "u" {
  input = "x"
}

locals {
  tmpl        = "Hello, $${name}!"
  tmpl_list   = "%%{ for x in xs }[$${x}]%%{ endfor }"
  tmpl_expr   = "$${a + b}"
  tmpl_bad    = "$${"
  tmpl_file   = "$${file(\"hello.txt\")}"
  tmpl_nested = "$${templatestring(t, {})}"
  tmpl_upper  = "$${upper(name)}-$${length(xs)}"
  tmpl_strip  = "a %{~ if true ~} b %{~ endif ~} c"
  not_string  = 42
  tmpls = {
    greet = "Hi $${name}"
  }
}
