import { useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { foldVietnamese, Roles, type Role } from '@gdtx/domain';
import {
  ADMINISTRATIVE_UNITS,
  ASSIGN_ROLE,
  CENTRES,
  CREATE_USER,
  MOVE_USER_FROM_MERGED_PROVINCE,
  UPDATE_USER,
  USERS,
  type CreateUserInput,
  type UserInfo,
} from '../../gql/org';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { EmptyState, ErrorState } from '../../components/States';
import { useModalSubmit } from '../../components/useModalSubmit';
import { SecurityEventsCard } from '../account/SecurityEventsCard';
import { RESET_USER_TOTP } from '../../gql/security';

const isCentreRole = (role: Role | undefined) => role === 'CENTRE_DIRECTOR' || role === 'CENTRE_STAFF';
const ASSIGNABLE_ROLES = Roles.filter((r) => r !== 'SYSTEM_ADMIN');

/** Users of the province (SO_ADMIN): list, search, create, edit (name, e-mail, password, lock) and re-assign role and scope. */
export function UsersPage() {
  const { t, roleLabel } = useI18n();
  const { user: me } = useAuth();
  const { data, loading, error, refetch } = useQuery(USERS, { variables: { first: 200 } });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserInfo | null>(null);
  const [search, setSearch] = useState('');
  const users = useMemo(() => {
    const all = data?.users.nodes ?? [];
    // Without diacritics, as the centre search does: "nguyen van" finds "Nguyễn Văn".
    const needle = foldVietnamese(search);
    return needle ? all.filter((u) => foldVietnamese(`${u.username} ${u.fullName} ${u.scopeName ?? ''}`).includes(needle)) : all;
  }, [data, search]);
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('users.title')}</Typography.Title>
      {/* The log is a tab of its own: rendered only when opened, so the users table stays the page's one table. */}
      <Tabs
        items={[
          {
            key: 'users',
            label: t('menu.users'),
            children: (
                <Card extra={<Button type="primary" onClick={() => setCreating(true)}>{t('users.create')}</Button>}>
                  <Input.Search
                    aria-label={t('users.search')}
                    placeholder={t('users.search')}
                    allowClear
                    onChange={(e) => setSearch(e.target.value)}
                    style={{ maxWidth: 320, marginBottom: 16 }}
                  />
                  {error ? (
                    <ErrorState error={error} onRetry={() => void refetch()} />
                  ) : (
                    <Table<UserInfo>
                      rowKey="id"
                      size="middle"
                      loading={loading && !data}
                      dataSource={users}
                      pagination={{ pageSize: 20, hideOnSinglePage: true }}
                      locale={{ emptyText: <EmptyState /> }}
                      scroll={{ x: 800 }}
                      columns={[
                        { title: t('col.username'), dataIndex: 'username' },
                        { title: t('col.fullName'), dataIndex: 'fullName' },
                        { title: t('col.role'), dataIndex: 'role', render: (v: string) => roleLabel(v) },
                        { title: t('col.scope'), dataIndex: 'scopeName', render: (v: string | null) => v ?? '—' },
                        {
                          title: t('col.active'),
                          dataIndex: 'active',
                          width: 110,
                          render: (v: boolean, u) =>
                            u.provinceId !== me?.provinceId ? (
                              <Tag style={{ color: '#1f1f1f' }}>{t('users.mergedProvince')}</Tag>
                            ) : (
                              <Tag color={v ? 'green' : 'default'} style={{ color: '#1f1f1f' }}>{v ? t('form.yes') : t('form.no')}</Tag>
                            ),
                        },
                        {
                          title: <span className="sr-only">{t('users.edit')}</span>,
                          key: 'edit',
                          width: 90,
                          render: (_, u) =>
                            u.provinceId !== me?.provinceId ? (
                              <MoveMergedUserButton user={u} onMoved={() => void refetch()} />
                            ) : (
                              <Button size="small" onClick={() => setEditing(u)} aria-label={`${t('users.edit')} ${u.username}`}>{t('users.edit')}</Button>
                            ),
                        },
                      ]}
                    />
                  )}
                </Card>
            ),
          },
          { key: 'log', label: t('securityEvent.title'), children: <SecurityEventsCard /> },
        ]}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onCreated={() => void refetch()} />
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} onSaved={() => void refetch()} />}
    </>
  );
}

/** Centre and unit pickers for a role's scope; loaded only while a form is open. */
function ScopeFields({ role, open }: { role: Role | undefined; open: boolean }) {
  const { t } = useI18n();
  const centres = useQuery(CENTRES, { variables: { first: 200 }, skip: !open || !isCentreRole(role) });
  const units = useQuery(ADMINISTRATIVE_UNITS, { skip: !open || role !== 'SUPERVISOR' });
  return (
    <>
      {isCentreRole(role) && (
        <Form.Item name="centreId" label={t('users.centre')} rules={[{ required: true, message: t('common.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={centres.loading} options={(centres.data?.centres.nodes ?? []).map((c) => ({ value: c.id, label: `${c.code} – ${c.name}` }))} />
        </Form.Item>
      )}
      {role === 'SUPERVISOR' && (
        <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true, message: t('common.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={units.loading} options={(units.data?.administrativeUnits ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      )}
    </>
  );
}

function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(): void }) {
  const { t, roleLabel } = useI18n();
  const [form] = Form.useForm<CreateUserInput>();
  const role = Form.useWatch('role', form) as Role | undefined;
  const [createUser] = useMutation(CREATE_USER);
  const { submit, error, running } = useModalSubmit(
    form,
    (values) => createUser({ variables: { input: { ...values, email: values.email || null } } }),
    {
      success: t('users.created'),
      onDone: () => {
        onCreated();
        onClose();
      },
    },
  );

  return (
    <Modal open={open} title={t('users.create')} onCancel={onClose} onOk={() => void submit()} confirmLoading={running} okText={t('common.ok')} cancelText={t('common.cancel')}>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="username" label={t('col.username')} rules={[{ required: true, message: t('common.required') }]}><Input /></Form.Item>
        <Form.Item name="fullName" label={t('col.fullName')} rules={[{ required: true, message: t('common.required') }]}><Input /></Form.Item>
        <Form.Item name="email" label="Email"><Input type="email" /></Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required') }, { min: 8, message: t('users.passwordTooShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('col.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={ASSIGNABLE_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
        </Form.Item>
        <ScopeFields role={role} open={open} />
      </Form>
    </Modal>
  );
}

interface EditUserForm {
  fullName: string;
  email: string | null;
  password?: string;
  active: boolean;
  role: Role;
  centreId?: string | null;
  unitId?: string | null;
}

/**
 * Profile changes go through updateUser; a changed role or scope through assignRole (which revokes the user's
 * sessions, so the new scope applies from the next sign-in). Only what changed is sent.
 */
function EditUserModal({ user, onClose, onSaved }: { user: UserInfo; onClose(): void; onSaved(): void }) {
  const { t, roleLabel } = useI18n();
  const { user: me } = useAuth();
  const [form] = Form.useForm<EditUserForm>();
  const role = Form.useWatch('role', form) as Role | undefined;
  const [updateUser] = useMutation(UPDATE_USER);
  const [assignRole] = useMutation(ASSIGN_ROLE);
  const self = me?.id === user.id;

  const save = async (values: EditUserForm) => {
    const profileChanged =
      values.fullName !== user.fullName || (values.email || null) !== (user.email ?? null) || values.active !== user.active || !!values.password;
    if (profileChanged) {
      await updateUser({
        variables: {
          input: {
            id: user.id,
            fullName: values.fullName !== user.fullName ? values.fullName : null,
            email: (values.email || null) !== (user.email ?? null) ? values.email || null : null,
            active: values.active !== user.active ? values.active : null,
            password: values.password || null,
          },
        },
      });
    }
    const centreId = isCentreRole(values.role) ? values.centreId ?? null : null;
    const unitId = values.role === 'SUPERVISOR' ? values.unitId ?? null : null;
    if (values.role !== user.role || centreId !== (isCentreRole(user.role) ? user.centreId : null) || unitId !== (user.role === 'SUPERVISOR' ? user.unitId : null)) {
      await assignRole({ variables: { input: { userId: user.id, role: values.role, centreId, unitId } } });
    }
  };
  const { submit, error, running } = useModalSubmit(form, save, {
    success: t('users.saved'),
    onDone: () => {
      onSaved();
      onClose();
    },
  });

  return (
    <Modal
      open
      title={t('users.editTitle', { username: user.username })}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={running}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
    >
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Form<EditUserForm>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ fullName: user.fullName, email: user.email, active: user.active, role: user.role, centreId: user.centreId, unitId: user.unitId }}
      >
        <Form.Item name="fullName" label={t('col.fullName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input /></Form.Item>
        <Form.Item name="email" label="Email" rules={[{ type: 'email', message: t('error.BAD_USER_INPUT') }]}><Input type="email" /></Form.Item>
        <Form.Item name="password" label={t('users.newPassword')} rules={[{ min: 8, message: t('users.passwordTooShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="active" label={t('col.active')} valuePropName="checked" extra={self ? t('users.cannotLockSelf') : t('users.activeHelp')}>
          <Switch disabled={self} aria-label={t('col.active')} />
        </Form.Item>
        <Form.Item name="role" label={t('col.role')} extra={t('users.roleHelp')} rules={[{ required: true, message: t('common.required') }]}>
          <Select disabled={self} options={ASSIGNABLE_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
        </Form.Item>
        <ScopeFields role={role ?? user.role} open />
      </Form>
      {!self && <ResetTotpButton userId={user.id} />}
    </Modal>
  );
}

/**
 * A user of a province merged into this one (ADR 0014): locked by the merger; the Sở admin moves the account here
 * (it keeps its role and history) or leaves it locked.
 */
function MoveMergedUserButton({ user, onMoved }: { user: UserInfo; onMoved(): void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [move, { loading }] = useMutation(MOVE_USER_FROM_MERGED_PROVINCE);
  return (
    <Button
      size="small"
      loading={loading}
      data-testid={`move-merged-${user.username}`}
      onClick={() =>
        modal.confirm({
          title: t('users.moveMergedConfirm', { username: user.username }),
          okText: t('common.ok'),
          cancelText: t('common.cancel'),
          onOk: async () => {
            await move({ variables: { userId: user.id } });
            message.success(t('users.moveMergedDone'));
            onMoved();
          },
        })
      }
    >
      {t('users.moveMerged')}
    </Button>
  );
}

/** A user who lost their phone: the Sở admin removes their second factor (audited); they sign in with the password. */
function ResetTotpButton({ userId }: { userId: string }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [reset, { loading }] = useMutation(RESET_USER_TOTP);
  return (
    <Button
      size="small"
      loading={loading}
      data-testid="reset-totp"
      onClick={() =>
        modal.confirm({
          title: t('users.resetTotpConfirm'),
          okText: t('common.ok'),
          cancelText: t('common.cancel'),
          onOk: async () => {
            const r = await reset({ variables: { userId } });
            message.success(r.data?.resetUserTotp ? t('users.resetTotpDone') : t('users.resetTotpNone'));
          },
        })
      }
    >
      {t('users.resetTotp')}
    </Button>
  );
}
