import { graphql } from './__generated__';

export const MY_TOTP = graphql(`
  query MyTotp { myTotp { enabled pending requiredByProvince } }
`);

export const START_TOTP_ENROLMENT = graphql(`
  mutation StartTotpEnrolment { startTotpEnrolment { secret otpauthUri qrSvg } }
`);

export const CONFIRM_TOTP_ENROLMENT = graphql(`
  mutation ConfirmTotpEnrolment($code: String!) { confirmTotpEnrolment(input: { code: $code }) { enabled pending requiredByProvince } }
`);

export const DISABLE_TOTP = graphql(`
  mutation DisableTotp($code: String!) { disableTotp(input: { code: $code }) { enabled pending requiredByProvince } }
`);

export const PROVINCE_SECURITY = graphql(`
  query ProvinceSecurity { provinceSecurity { totpRequiredForAdmins } }
`);

export const SET_TOTP_REQUIRED_FOR_ADMINS = graphql(`
  mutation SetTotpRequiredForAdmins($required: Boolean!) { setTotpRequiredForAdmins(required: $required) { totpRequiredForAdmins } }
`);

export const SECURITY_EVENTS = graphql(`
  query SecurityEvents($first: Int, $before: ID) {
    securityEvents(first: $first, before: $before) { id at action username actorName address role failures }
  }
`);

export const RESET_USER_TOTP = graphql(`
  mutation ResetUserTotp($userId: ID!) { resetUserTotp(userId: $userId) }
`);
