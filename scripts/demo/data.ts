import { GroupRole, GroupStatus, GroupVisibility, JoinPolicy } from '../../src/groups/groups.enums';
import { GovernmentLevel, OrganizationKind } from '../../src/organizations/organizations.enums';
import { PlatformRole } from '../../src/common/auth/platform-role.enums';

/**
 * The demo data set, after the Open Government Partnership's public description of its thematic working groups
 * and their anchors. People are fictional demo accounts (`*@demo.convene.example`), one per organisation.
 */
export interface DemoOrganization {
  key: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
  level?: GovernmentLevel;
  website?: string;
}

export interface DemoUser {
  email: string;
  displayName: string;
  organization: string | null;
  role?: PlatformRole;
}

export interface DemoGroup {
  name: string;
  theme: string;
  description: string;
  visibility: GroupVisibility;
  joinPolicy: JoinPolicy;
  /** Target status; a group becomes active only once it has both anchor types. */
  status: GroupStatus.Proposed | GroupStatus.Active;
  anchors: string[];
  members: { email: string; role: GroupRole }[];
}

const gov = (key: string, name: string, country: string, website?: string): DemoOrganization => ({
  key,
  name,
  kind: OrganizationKind.Government,
  country,
  level: GovernmentLevel.National,
  website,
});
const cso = (key: string, name: string, country: string, website?: string): DemoOrganization => ({
  key,
  name,
  kind: OrganizationKind.CivilSociety,
  country,
  website,
});

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  cso('gift', 'Global Initiative for Fiscal Transparency', 'US', 'https://fiscaltransparency.net'),
  gov('brazil', 'Government of Brazil', 'BR', 'https://www.gov.br'),
  gov('philippines', 'Government of the Philippines', 'PH', 'https://www.gov.ph'),
  cso('ndi', 'National Democratic Institute', 'US', 'https://www.ndi.org'),
  gov('chile', 'Government of Chile', 'CL', 'https://www.gob.cl'),
  gov(
    'inai',
    'Federal Institute for Access to Information and Data Protection (INAI)',
    'MX',
    'https://home.inai.org.mx',
  ),
  cso('carter', 'The Carter Center', 'US', 'https://www.cartercenter.org'),
  cso('osf', 'Open Society Foundations', 'US', 'https://www.opensocietyfoundations.org'),
  cso('ti', 'Transparency International', 'DE', 'https://www.transparency.org'),
  gov('georgia', 'Government of Georgia', 'GE', 'https://www.gov.ge'),
  gov('uk', 'Government of the United Kingdom', 'GB', 'https://www.gov.uk'),
  cso('webf', 'World Wide Web Foundation', 'CH', 'https://webfoundation.org'),
  gov('canada', 'Government of Canada', 'CA', 'https://www.canada.ca'),
  cso('nrgi', 'Natural Resource Governance Institute', 'US', 'https://resourcegovernance.org'),
  cso('wri', 'World Resources Institute', 'US', 'https://www.wri.org'),
  gov('indonesia', 'Government of Indonesia', 'ID', 'https://indonesia.go.id'),
];

const DOMAIN = 'demo.convene.example';
const orgName = (key: string): string => {
  const org = DEMO_ORGANIZATIONS.find((o) => o.key === key);
  if (!org) throw new Error(`unknown demo organisation ${key}`);
  return org.name;
};
/** One demo anchor per organisation: `<key>@demo.convene.example`. */
export const anchorEmail = (key: string): string => `${key}@${DOMAIN}`;
/** Any demo account by the part before the `@`, e.g. `member.ti`. */
export const demoEmail = (local: string): string => `${local}@${DOMAIN}`;

export const DEMO_USERS: DemoUser[] = [
  {
    email: `admin@${DOMAIN}`,
    displayName: 'Demo Administrator',
    organization: null,
    role: PlatformRole.Admin,
  },
  {
    email: `steering@${DOMAIN}`,
    displayName: 'Demo Steering Committee',
    organization: null,
    role: PlatformRole.SteeringCommittee,
  },
  ...DEMO_ORGANIZATIONS.map((o) => ({
    email: anchorEmail(o.key),
    displayName: `Demo anchor, ${o.name}`,
    organization: o.name,
  })),
  { email: `member.brazil@${DOMAIN}`, displayName: 'Demo member, Brazil', organization: orgName('brazil') },
  { email: `member.ti@${DOMAIN}`, displayName: 'Demo member, TI', organization: orgName('ti') },
  {
    email: `observer.canada@${DOMAIN}`,
    displayName: 'Demo observer, Canada',
    organization: orgName('canada'),
  },
];

export const DEMO_GROUPS: DemoGroup[] = [
  {
    name: 'Fiscal Openness',
    theme: 'fiscal_openness',
    description:
      'Governments and civil society work on transparent, participatory and accountable public finance: budgets, ' +
      'fiscal data standards and public participation in fiscal policy.',
    visibility: GroupVisibility.Public,
    joinPolicy: JoinPolicy.Approval,
    status: GroupStatus.Active,
    anchors: ['gift', 'brazil', 'philippines'],
    members: [{ email: `member.ti@${DOMAIN}`, role: GroupRole.Member }],
  },
  {
    name: 'Legislative Openness',
    theme: 'legislative_openness',
    description:
      'Parliaments and civil society open up the legislative process: access to legislative information, citizen ' +
      'participation in law-making and parliamentary ethics.',
    visibility: GroupVisibility.Public,
    joinPolicy: JoinPolicy.Approval,
    status: GroupStatus.Active,
    anchors: ['ndi', 'chile'],
    members: [],
  },
  {
    name: 'Access to Information',
    theme: 'access_to_information',
    description:
      'Peer learning on adopting and implementing right-to-information laws, oversight bodies and proactive ' +
      'disclosure.',
    visibility: GroupVisibility.Public,
    joinPolicy: JoinPolicy.Approval,
    status: GroupStatus.Active,
    anchors: ['inai', 'carter'],
    members: [],
  },
  {
    name: 'Anti-Corruption',
    theme: 'anti_corruption',
    description:
      'Beneficial ownership transparency, open contracting, asset disclosure and other reforms that make ' +
      'corruption harder to hide.',
    visibility: GroupVisibility.Public,
    joinPolicy: JoinPolicy.Approval,
    status: GroupStatus.Active,
    anchors: ['osf', 'ti', 'brazil', 'georgia', 'uk'],
    members: [{ email: `member.brazil@${DOMAIN}`, role: GroupRole.Member }],
  },
  {
    name: 'Open Data',
    theme: 'open_data',
    description:
      'Open data for public value: publishing, using and governing government data, including the Open Data Charter ' +
      'principles.',
    visibility: GroupVisibility.Public,
    joinPolicy: JoinPolicy.Open,
    status: GroupStatus.Active,
    anchors: ['webf', 'canada'],
    members: [
      { email: `member.brazil@${DOMAIN}`, role: GroupRole.Member },
      { email: `observer.canada@${DOMAIN}`, role: GroupRole.Observer },
    ],
  },
  {
    name: 'Natural Resource Openness',
    theme: 'natural_resource_openness',
    description:
      'Transparency and participation in the extractive sector and in land, forest and environmental governance.',
    visibility: GroupVisibility.Public,
    joinPolicy: JoinPolicy.Approval,
    status: GroupStatus.Active,
    anchors: ['nrgi', 'wri', 'indonesia'],
    members: [],
  },
  {
    name: 'Digital Governance',
    theme: 'digital_governance',
    description:
      'A proposed group on algorithmic accountability, data protection and digital public infrastructure; it ' +
      'becomes active once a government and a civil-society anchor step forward.',
    visibility: GroupVisibility.Public,
    joinPolicy: JoinPolicy.Approval,
    status: GroupStatus.Proposed,
    anchors: [],
    members: [{ email: `member.ti@${DOMAIN}`, role: GroupRole.Member }],
  },
];
