#include "mail/mailer.h"

namespace boussole::mail {

// Out of line so that the vtable lives in one translation unit.
Mailer::~Mailer() = default;

}  // namespace boussole::mail
