export const auth = {
  loginTitle: "Inloggen",
  loginIntro: "Log in met je e-mailadres en wachtwoord.",
  email: "E-mailadres",
  password: "Wachtwoord",
  submitLogin: "Inloggen",
  loggingIn: "Bezig met inloggen…",
  forgotPassword: "Wachtwoord vergeten?",
  sessionExpired: "Je sessie is verlopen omdat je een tijd niet actief was. Log opnieuw in.",
  loggedOut: "Je bent uitgelogd.",
  emailRequired: "Vul je e-mailadres in.",
  emailInvalid: "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.",
  passwordRequired: "Vul je wachtwoord in.",
};
